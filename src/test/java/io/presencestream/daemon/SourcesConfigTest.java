package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sources:}: several accounts in one daemon, each with its own credentials' variables or simulator. */
class SourcesConfigTest {

  private static final Map<String, String> TWO_ACCOUNTS_ENV =
      Map.of(
          "EAST_CLIENT_ID", "east-app", "EAST_CLIENT_SECRET", "east-secret", "EAST_JWT", "eyJ.east",
          "WEST_CLIENT_ID", "west-app", "WEST_CLIENT_SECRET", "west-secret", "WEST_JWT", "eyJ.west");

  private static DaemonConfig parse(String yaml, Map<String, String> env) {
    return DaemonConfig.parse(yaml, "test.yaml", env);
  }

  private static List<String> problems(String yaml, Map<String, String> env) {
    try {
      DaemonConfig.parse(yaml, "test.yaml", env);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  private static String real(String name, String prefix) {
    return "  - name: " + name + "\n"
        + "    ringcentral:\n"
        + "      extensions: all\n"
        + "      credentials: {clientIdEnv: " + prefix + "_CLIENT_ID, clientSecretEnv: " + prefix + "_CLIENT_SECRET, jwtEnv: "
        + prefix + "_JWT}\n";
  }

  @Test
  void theClassicSourceIsOneUnnamedAccountWhoseEventsCarryNoAccountId() {
    DaemonConfig config = parse("source: {simulator: {extensions: 3}}", Map.of());

    assertThat(config.stampsAccounts()).isFalse();
    assertThat(config.accounts()).isEmpty();
    assertThat(config.sources()).extracting(AccountSource::name).containsExactly("default");
    assertThat(config.sources().get(0).source()).isEqualTo(config.source());
  }

  @Test
  void eachRealAccountReadsItsCredentialsFromTheVariablesItNames() {
    DaemonConfig config = parse("sources:\n" + real("east", "EAST") + real("west", "WEST"), TWO_ACCOUNTS_ENV);

    assertThat(config.stampsAccounts()).isTrue();
    assertThat(config.accounts()).extracting(AccountSource::name).containsExactly("east", "west");
    SourceConfig.RingCentral east = (SourceConfig.RingCentral) config.accounts().get(0).source();
    SourceConfig.RingCentral west = (SourceConfig.RingCentral) config.accounts().get(1).source();
    assertThat(east.credentials().clientId()).isEqualTo("east-app");
    assertThat(east.credentials().jwt().reveal()).isEqualTo("eyJ.east");
    assertThat(west.credentials().clientSecret().reveal()).isEqualTo("west-secret");
    assertThat(west.serverUrl()).isEqualTo(URI.create("https://platform.ringcentral.com"));
    assertThat(config.source()).isEqualTo(east);
  }

  @Test
  void simulatedAccountsGetTheirOwnIdsAndDefaultNames() {
    DaemonConfig config = parse("sources:\n  - simulator: {extensions: 4}\n  - simulator: {extensions: 5, seed: 7}\n"
        + "  - name: third\n    simulator: {accountId: '900100'}\n", Map.of());

    assertThat(config.accounts()).extracting(AccountSource::name).containsExactly("account-1", "account-2", "third");
    assertThat(config.accounts()).extracting(a -> ((SourceConfig.Simulator) a.source()).accountId())
        .containsExactly("37439510", "37439511", "900100");
  }

  @Test
  void aRealAccountsIdMayBeConfiguredForAnAppWithoutReadAccountsAndIdsAreNumbersOrStrings() {
    DaemonConfig config = parse("sources:\n" + real("east", "EAST") + "      accountId: 400100\n"
        + real("west", "WEST") + "  - simulator: {accountId: 900100}\n", TWO_ACCOUNTS_ENV);

    assertThat(((SourceConfig.RingCentral) config.accounts().get(0).source()).accountId()).isEqualTo("400100");
    assertThat(((SourceConfig.RingCentral) config.accounts().get(1).source()).accountId()).as("read at start").isNull();
    assertThat(((SourceConfig.Simulator) config.accounts().get(2).source()).accountId()).isEqualTo("900100");
    assertThat(problems("sources:\n" + real("east", "EAST") + "      accountId: 900100\n  - simulator: {accountId: 900100}\n",
        TWO_ACCOUNTS_ENV))
        .containsExactly("sources[1].simulator.accountId: 900100 is sources[0]'s account too: each account once");
  }

  @Test
  void aSimulatedAccountBesideARealOneIsAllowed() {
    DaemonConfig config = parse("sources:\n" + real("east", "EAST") + "  - name: demo\n    simulator: {}\n", TWO_ACCOUNTS_ENV);

    assertThat(config.accounts()).extracting(a -> a.source().getClass().getSimpleName())
        .containsExactly("RingCentral", "Simulator");
  }

  @Test
  void aMissingVariableIsNamedWithItsEntry() {
    assertThat(problems("sources:\n" + real("east", "EAST") + real("north", "NORTH"), TWO_ACCOUNTS_ENV))
        .contains("sources[1].ringcentral: environment variable NORTH_CLIENT_ID is not set (credentials are read only"
            + " from the environment)");
  }

  @Test
  void aCredentialWrittenInTheFileIsRefusedWithoutRepeatingIt() {
    List<String> problems = problems(
        "sources:\n  - ringcentral:\n      credentials: {jwt: eyJ.pasted.secret}\n", TWO_ACCOUNTS_ENV);

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
        "sources[0].ringcentral.credentials.jwt: credentials are read only from the environment"));
    assertThat(String.join("\n", problems)).doesNotContain("eyJ.pasted.secret");
  }

  @Test
  void duplicatesAndConflictsAreTypedProblemsByKeyPath() {
    assertThat(problems("sources:\n" + real("east", "EAST") + real("east", "WEST"), TWO_ACCOUNTS_ENV))
        .containsExactly("sources[1].name: \"east\" is the name of sources[0] too; names must be unique");
    assertThat(problems("sources:\n" + real("east", "EAST") + real("again", "EAST"), TWO_ACCOUNTS_ENV))
        .containsExactly("sources[1].ringcentral: the same account as sources[0] (same serverUrl, client id and JWT):"
            + " each account once");
    assertThat(problems("sources:\n  - simulator: {accountId: '5'}\n  - simulator: {accountId: '5'}\n", Map.of()))
        .containsExactly("sources[1].simulator.accountId: 5 is sources[0]'s account too: each account once");
    assertThat(problems("sources:\n  - simulator: {port: 9911}\n  - simulator: {port: 9911}\n", Map.of()))
        .containsExactly("sources[1].simulator.port: 9911 is sources[0]'s port too: give each simulator its own, or 0");
  }

  @Test
  void malformedListsAreRefused() {
    assertThat(problems("sources: []", Map.of()))
        .containsExactly("sources: must list at least one account (an entry with simulator or ringcentral)");
    assertThat(problems("sources:\n  - name: x\n", Map.of())).containsExactly("sources[0]: needs simulator or ringcentral");
    assertThat(problems("sources:\n  - {simulator: {}, ringcentral: {}}\n", Map.of()))
        .containsExactly("sources[0]: choose one of simulator, ringcentral (both are given)");
    assertThat(problems("sources:\n  - name: 'a b'\n    simulator: {}\n", Map.of())).containsExactly(
        "sources[0].name: must be 1 to 40 characters of A-Z a-z 0-9 _ . - (a letter or digit first), was \"a b\"");
    assertThat(problems("sources:\n  - simulator: {accountId: abc}\n", Map.of())).containsExactly(
        "sources[0].simulator.accountId: must be 1 to 20 digits (a RingCentral account id), was \"abc\"");
    assertThat(problems("sources:\n  - simulator: {}\n    colour: blue\n", Map.of()))
        .anySatisfy(p -> assertThat(p).startsWith("sources[0].colour"));
  }

  @Test
  void sourceAndSourcesTogetherAreAConflict() {
    assertThat(problems("source: {simulator: {}}\nsources:\n  - simulator: {}\n", Map.of()))
        .containsExactly("sources: choose one of source (one account) and sources (a list of accounts); both are given");
  }

  @Test
  void theShippedTwoAccountFileIsValid() throws Exception {
    DaemonConfig config = DaemonConfig.load(java.nio.file.Path.of("config/accounts.yaml"), Map.of());

    assertThat(config.accounts()).extracting(AccountSource::name).containsExactly("east", "west");
  }

  @Test
  void theReadmeExampleIsValid() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
    int section = readme.indexOf("### Several accounts in one daemon");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Map<String, String> env = new java.util.HashMap<>(TWO_ACCOUNTS_ENV);

    DaemonConfig config = DaemonConfig.parse(yaml, "README.md", env);

    assertThat(config.accounts()).extracting(AccountSource::name).containsExactly("east", "west", "demo");
    assertThat(((SourceConfig.Simulator) config.accounts().get(2).source()).accountId()).isEqualTo("37439512");
  }

  @Test
  void aKafkaRoleRunsOneAccountOnly() {
    assertThat(problems("sources:\n  - simulator: {}\nkafka: {role: ingest, bootstrapServers: 'localhost:9092'}\n", Map.of()))
        .contains("sources: a Kafka role (kafka.role: ingest) runs one account, written as source: (the raw topic carries"
            + " no account yet)");
  }
}
