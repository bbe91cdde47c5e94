package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.cluster.KafkaRole;
import io.presencestream.engine.SessionOptions;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.TelephonyScope;
import io.presencestream.sink.WebhookFormat;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {

  private static final Map<String, String> NO_ENV = Map.of();
  private static final Map<String, String> RC_ENV =
      Map.of(
          "RINGCENTRAL_CLIENT_ID", "app-id",
          "RINGCENTRAL_CLIENT_SECRET", "s3cr3t-value",
          "RINGCENTRAL_JWT", "eyJ.jwt.value");

  private static DaemonConfig parse(String yaml) {
    return DaemonConfig.parse(yaml, "test.yaml", NO_ENV);
  }

  private static List<String> problems(String yaml, Map<String, String> env) {
    try {
      DaemonConfig.parse(yaml, "test.yaml", env);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  private static List<String> problems(String yaml) {
    return problems(yaml, NO_ENV);
  }

  // --- the shipped files ---

  @Test
  void defaultYamlSpellsOutTheBuiltInDefaults() {
    assertThat(DaemonConfig.loadDefault(NO_ENV)).isEqualTo(parse(""));
  }

  @Test
  void embeddedDefaultIsTheFileInConfigDirectory() throws Exception {
    assertThat(DaemonConfig.defaultYaml()).isEqualTo(Files.readString(Path.of("config/default.yaml")));
  }

  @Test
  void defaultRunsASimulatedOfficeOnLoopback8080WithoutAuth() {
    DaemonConfig config = DaemonConfig.loadDefault(NO_ENV);
    assertThat(config.source()).isEqualTo(new SourceConfig.Simulator(24, 42, 2, 0, EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY)));
    assertThat(config.server().host()).isEqualTo("127.0.0.1");
    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().authToken()).isEmpty();
    assertThat(config.server().sse())
        .isEqualTo(new ServerConfig.Sse(1000, 256, ServerConfig.Overflow.DROP_OLDEST, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofMillis(5)));
    assertThat(config.sinks().jsonLines()).isEmpty();
    assertThat(config.sinks().webhooks()).isEmpty();
    assertThat(config.kafka().role()).isEqualTo(KafkaRole.NONE);
    assertThat(config.engine()).isEqualTo(EngineConfig.defaults());
  }

  @Test
  void ringcentralYamlReadsCredentialsFromTheEnvironment() {
    DaemonConfig config = DaemonConfig.load(Path.of("config/ringcentral.yaml"), RC_ENV);
    SourceConfig.RingCentral source = (SourceConfig.RingCentral) config.source();
    assertThat(source.serverUrl()).isEqualTo(URI.create("https://platform.ringcentral.com"));
    assertThat(source.extensions()).isEqualTo(ExtensionSelection.allEnabledUsers());
    assertThat(source.credentials().clientId()).isEqualTo("app-id");
    assertThat(source.credentials().clientSecret().reveal()).isEqualTo("s3cr3t-value");
    assertThat(source.credentials().jwt().reveal()).isEqualTo("eyJ.jwt.value");
    assertThat(source.restRetryBudget()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void restRetryBudgetDefaultsTo90sAndIsBounded() {
    assertThat(ringcentral("extensions: all").restRetryBudget()).isEqualTo(Duration.ofSeconds(90));
    assertThat(ringcentral("restRetryBudget: 2m").restRetryBudget()).isEqualTo(Duration.ofMinutes(2));
    assertThat(problems("source: {ringcentral: {restRetryBudget: 500ms}}", RC_ENV)).containsExactly(
        "source.ringcentral.restRetryBudget: must be between 1s and 1h, was 500ms");
  }

  @Test
  void productionYamlLoadsWithItsRequiredToken() {
    Map<String, String> env = new java.util.HashMap<>(RC_ENV);
    env.put("PRESENCE_STREAM_TOKEN", "wallboard-token");
    DaemonConfig config = DaemonConfig.load(Path.of("config/production.yaml"), env);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().authToken()).map(Secret::reveal).contains("wallboard-token");
    assertThat(config.server().sse().overflow()).isEqualTo(ServerConfig.Overflow.DISCONNECT);
    assertThat(config.sinks().jsonLines()).map(SinksConfig.JsonLines::file)
        .contains(java.util.Optional.of(Path.of("/var/log/presence-stream/events.jsonl")));
    assertThat(config.sinks().webhooks()).singleElement().satisfies(hook -> {
      assertThat(hook.batchSize()).isEqualTo(50);
      assertThat(hook.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
    });
  }

  @Test
  void productionYamlRefusesToStartWithoutItsToken() {
    assertThatThrownBy(() -> DaemonConfig.load(Path.of("config/production.yaml"), RC_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.auth.required: is true but environment variable PRESENCE_STREAM_TOKEN is not set");
  }

  // --- secrets ---

  @Test
  void rejectsASecretWrittenInTheFile() {
    assertThat(problems("""
        source:
          ringcentral:
            clientSecret: hunter2
        """, RC_ENV))
        .containsExactly("source.ringcentral.clientSecret: secrets are not accepted in a configuration file;"
            + " set RINGCENTRAL_CLIENT_SECRET instead");
  }

  @Test
  void rejectsClientIdJwtAndServerTokenInTheFileWithoutShowingThem() {
    List<String> problems = problems("""
        source:
          ringcentral:
            clientId: my-app
            jwt: eyJhbGciOi.secret
        server:
          auth:
            token: topsecret
        """, RC_ENV);
    assertThat(problems).containsExactlyInAnyOrder(
        "source.ringcentral.clientId: secrets are not accepted in a configuration file; set RINGCENTRAL_CLIENT_ID instead",
        "source.ringcentral.jwt: secrets are not accepted in a configuration file; set RINGCENTRAL_JWT instead",
        "server.auth.token: secrets are not accepted in a configuration file;"
            + " set an environment variable (server.auth.tokenEnv names it) instead");
    assertThat(String.join("\n", problems)).doesNotContain("my-app", "eyJhbGciOi", "topsecret");
  }

  @Test
  void namesEveryMissingCredentialVariable() {
    assertThat(problems("source: {ringcentral: {}}")).containsExactly(
        "source.ringcentral: environment variable RINGCENTRAL_CLIENT_ID is not set (credentials are read only from the environment)",
        "source.ringcentral: environment variable RINGCENTRAL_CLIENT_SECRET is not set (credentials are read only from the environment)",
        "source.ringcentral: environment variable RINGCENTRAL_JWT is not set (credentials are read only from the environment)");
  }

  @Test
  void credentialsNeverAppearInToString() {
    DaemonConfig config = DaemonConfig.parse("source: {ringcentral: {}}", "x", RC_ENV);
    assertThat(config.toString()).contains("app-id").doesNotContain("s3cr3t-value", "eyJ.jwt.value");
    DaemonConfig withToken = DaemonConfig.parse("", "x", Map.of("PRESENCE_STREAM_TOKEN", "tok-123"));
    assertThat(withToken.toString()).doesNotContain("tok-123");
  }

  @Test
  void webhookUrlSecretsNeverAppearInToString() {
    DaemonConfig config = DaemonConfig.parse("""
        sinks:
          webhooks:
            - url: https://hooks.example:8443/in/abc?token=q-secret#frag-secret
        """, "x", Map.of());
    assertThat(config.toString())
        .contains("https://hooks.example:8443/in/abc")
        .doesNotContain("q-secret", "frag-secret");
    // The record is public: one built in code may carry user info, which the YAML loader rejects.
    SinksConfig.Webhook built = new SinksConfig.Webhook(URI.create("https://hook-user:hook-pass@hooks.example/in"),
        1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(1), Path.of("dead.jsonl"));
    assertThat(built.toString()).contains("https://hooks.example/in").doesNotContain("hook-user", "hook-pass");
  }

  @Test
  void serverTokenComesFromTheNamedVariable() {
    DaemonConfig config = DaemonConfig.parse("server: {auth: {tokenEnv: WALL_TOKEN}}", "x", Map.of("WALL_TOKEN", "abc"));
    assertThat(config.server().authToken()).map(Secret::reveal).contains("abc");
    assertThat(problems("server: {auth: {tokenEnv: 'not a name'}}"))
        .containsExactly("server.auth.tokenEnv: must be the name of an environment variable, was \"not a name\"");
  }

  @Test
  void refusesABlankTokenInsteadOfTurningAuthOff() {
    for (String blank : List.of("", " ", "\t\n")) {
      assertThat(problems("", Map.of("PRESENCE_STREAM_TOKEN", blank))).containsExactly(
          "server.auth.tokenEnv: environment variable PRESENCE_STREAM_TOKEN is set but blank: give it a token, or unset it to run without auth");
    }
    assertThat(DaemonConfig.parse("", "x", NO_ENV).server().authToken()).isEmpty();
  }

  // --- source ---

  @Test
  void readsExtensionSelections() {
    assertThat(ringcentral("extensions: '~'").extensions()).isEqualTo(ExtensionSelection.self());
    assertThat(ringcentral("serverUrl: https://x.example").extensions()).isEqualTo(ExtensionSelection.self());
    assertThat(ringcentral("extensions: all").extensions()).isEqualTo(ExtensionSelection.allEnabledUsers());
    assertThat(ringcentral("extensions: [101, '102']").extensions()).isEqualTo(ExtensionSelection.of(List.of("101", "102")));
    assertThat(problems("source: {ringcentral: {extensions: [101, bob]}}", RC_ENV)).containsExactly(
        "source.ringcentral.extensions: must be \"~\" (your own), \"all\" or a list of numeric extension ids, had \"bob\"");
    assertThat(problems("source: {ringcentral: {extensions: []}}", RC_ENV)).containsExactly(
        "source.ringcentral.extensions: must be \"~\" (your own), \"all\" or a list of extension ids, was an empty list");
  }

  @Test
  void feedsArePresenceAloneUnlessTelephonyIsListedAndTelephonyScopeIsAuto() {
    SourceConfig.RingCentral plain = ringcentral("extensions: all");
    assertThat(plain.feeds()).containsExactly(Feed.PRESENCE);
    assertThat(plain.telephonyScope()).isEqualTo(TelephonyScope.AUTO);
    assertThat(plain.maxFiltersPerSubscription()).isEqualTo(1000);
    SourceConfig.RingCentral both = ringcentral("{feeds: [presence, telephony], telephonyScope: extensions, maxFiltersPerSubscription: 500}");
    assertThat(both.feeds()).containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
    assertThat(both.telephonyScope()).isEqualTo(TelephonyScope.EXTENSIONS);
    assertThat(both.maxFiltersPerSubscription()).isEqualTo(500);
    RingCentralOptions options = Wiring.ringCentralOptions(both);
    assertThat(options.feeds()).containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
    assertThat(options.telephonyScope()).isEqualTo(TelephonyScope.EXTENSIONS);
    assertThat(options.maxFiltersPerSubscription()).isEqualTo(500);
    assertThat(((SourceConfig.Simulator) parse("source: {simulator: {feeds: [presence, telephony]}}").source()).feeds())
        .containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
  }

  @Test
  void theSimulatorsFeedsAreBothUnlessAKafkaIngestWouldSkipTheSessions() {
    assertThat(((SourceConfig.Simulator) parse("source: {simulator: {}}").source()).feeds())
        .as("the simulator grants CallControl").containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
    assertThat(((SourceConfig.Simulator) parse("source: {simulator: {feeds: [presence]}}").source()).feeds())
        .containsExactly(Feed.PRESENCE);
    for (String role : List.of("ingest", "both")) {
      String kafka = "kafka: {role: %s, bootstrapServers: 'localhost:9092'}".formatted(role);
      assertThat(((SourceConfig.Simulator) parse("source: {simulator: {}}\n" + kafka).source()).feeds())
          .as(role).containsExactly(Feed.PRESENCE);
      assertThat(((SourceConfig.Simulator) parse("source: {simulator: {feeds: [presence, telephony]}}\n" + kafka)
          .source()).feeds()).as("%s, written", role).containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
    }
  }

  @Test
  void refusesFeedsWithoutPresenceUnknownFeedsAndScopes() {
    assertThat(problems("source: {ringcentral: {feeds: [telephony], telephonyScope: company, maxFiltersPerSubscription: 0}}",
        RC_ENV)).containsExactly(
            "source.ringcentral.feeds: must include presence (the engine's state is presence; telephony comes beside it)",
            "source.ringcentral.telephonyScope: must be one of account, auto, extensions, was \"company\"",
            "source.ringcentral.maxFiltersPerSubscription: must be between 1 and 10000, was 0");
    assertThat(problems("source: {simulator: {feeds: [presence, calls]}}")).containsExactly(
        "source.simulator.feeds: must list presence and, for telephony sessions, telephony; had \"calls\"");
  }

  private static SourceConfig.RingCentral ringcentral(String body) {
    return (SourceConfig.RingCentral)
        DaemonConfig.parse("source:\n  ringcentral:\n    " + body + "\n", "x", RC_ENV).source();
  }

  @Test
  void rejectsServerUrlsThatAreNotHttpOrCarryCredentials() {
    assertThat(problems("source: {ringcentral: {serverUrl: 'ftp://x.example'}}", RC_ENV)).containsExactly(
        "source.ringcentral.serverUrl: must be an http:// or https:// URL with a host, was \"ftp://x.example\"");
    assertThat(problems("source: {ringcentral: {serverUrl: 'https://me:pw@x.example'}}", RC_ENV)).containsExactly(
        "source.ringcentral.serverUrl: must not carry credentials (user:password@); they are secrets");
  }

  @Test
  void sourceIsEitherSimulatorOrRingcentral() {
    assertThat(problems("source: {simulator: {}, ringcentral: {}}", RC_ENV))
        .containsExactly("source: choose one of simulator, ringcentral (both are given)");
    assertThat(problems("source: {kafka: {}}"))
        .containsExactly("source.kafka: unknown key (expected one of simulator, ringcentral)");
  }

  @Test
  void readsSimulatorOptionsAndChecksTheirRanges() {
    DaemonConfig config = parse("source: {simulator: {extensions: 5, seed: -3, eventsPerSecond: 0.5, port: 9999}}");
    assertThat(config.source())
        .isEqualTo(new SourceConfig.Simulator(5, -3, 0.5, 9999, EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY)));
    assertThat(problems("source: {simulator: {extensions: 0, eventsPerSecond: -1, port: 1.5}}"))
        .containsExactly(
            "source.simulator.extensions: must be between 1 and 5000, was 0",
            "source.simulator.eventsPerSecond: must be between 0.0 and 10000.0, was -1",
            "source.simulator.port: must be a whole number between 0 and 65535, was 1.5");
  }

  // --- engine, server, sinks, kafka ---

  @Test
  void checksEngineLimits() {
    assertThat(parse("engine: {maxCallsPerExtension: 4}").engine().toEngineOptions().maxCallsPerExtension()).isEqualTo(4);
    assertThat(parse("engine: {ringOutGrace: 1500ms}").engine().toEngineOptions().ringOutGrace())
        .isEqualTo(java.time.Duration.ofMillis(1500));
    assertThat(problems("engine: {ringOutGrace: 1 minute}")).singleElement().asString().startsWith("engine.ringOutGrace: must be a duration");
    assertThat(problems("engine: {maxCallsPerExtension: 0, sequenceResetThreshold: 1.5}")).containsExactly(
        "engine.maxCallsPerExtension: must be between 1 and 1000, was 0",
        "engine.sequenceResetThreshold: must be a whole number between 1 and 9223372036854775807, was 1.5");
  }

  @Test
  void theEngineSectionConfiguresTheTelephonySessionTracker() {
    SessionOptions sessions = parse("engine: {sessions: {maxSessionsPerExtension: 8, switchGrace: 3s, sequenceMemory: 2m}}")
        .engine().toEngineOptions().sessions();

    assertThat(sessions).isEqualTo(new SessionOptions(8, Duration.ofSeconds(3), Duration.ofMinutes(2)));
    assertThat(parse("engine: {}").engine().toEngineOptions().sessions()).isEqualTo(SessionOptions.defaults());
    assertThat(problems("engine: {sessions: {maxSessionsPerExtension: 0, switchGrace: 10m, grace: 1s}}")).containsExactly(
        "engine.sessions.maxSessionsPerExtension: must be between 1 and 1000, was 0",
        "engine.sessions.switchGrace: must be between 0h and 5m, was 10m",
        "engine.sessions.grace: unknown key (expected one of maxSessionsPerExtension, switchGrace, sequenceMemory)");
  }

  @Test
  void rejectsAPortOutOfRangeNamingTheKey() {
    assertThat(problems("server: {port: 70000}")).containsExactly("server.port: must be between 0 and 65535, was 70000");
    assertThat(problems("server: {port: eighty}"))
        .containsExactly("server.port: must be a whole number between 0 and 65535, was \"eighty\"");
  }

  @Test
  void readsServerOptions() {
    ServerConfig server = parse("""
        server:
          host: 0.0.0.0
          port: 0
          corsOrigins: ['*', 'http://localhost:3000']
          limits: {maxConnections: 10, maxRequestBytes: 2048, maxConnectionsPerAddress: 3, requestHeadTimeout: 2s}
          sse: {history: 0, clientBuffer: 8, overflow: disconnect, heartbeat: 250ms, retry: 1s, coalesce: 0ms}
        """).server();
    assertThat(server).isEqualTo(new ServerConfig("0.0.0.0", 0, java.util.Optional.empty(),
        List.of("*", "http://localhost:3000"), 10, 2048, 3, Duration.ofSeconds(2),
        new ServerConfig.Sse(0, 8, ServerConfig.Overflow.DISCONNECT, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ZERO)));
    assertThat(server.withAddress("::1", 1234)).extracting(ServerConfig::host, ServerConfig::port).containsExactly("::1", 1234);
  }

  @Test
  void checksServerValues() {
    assertThat(problems("""
        server:
          host: 'my host'
          corsOrigins: ['https://ok.example', 'https://bad.example/path']
          limits: {maxConnections: 0, maxRequestBytes: 10, maxConnectionsPerAddress: 0, requestHeadTimeout: 0s}
          sse: {clientBuffer: 0, overflow: block, heartbeat: 15, history: -1}
        """)).containsExactly(
        "server.host: must be a host name or IP address, was \"my host\"",
        "server.corsOrigins: each origin must be * or scheme://host[:port] without a path, had \"https://bad.example/path\"",
        "server.limits.maxConnections: must be between 1 and 1000000, was 0",
        "server.limits.maxRequestBytes: must be between 1024 and 1048576, was 10",
        "server.limits.maxConnectionsPerAddress: must be between 1 and 1000000, was 0",
        "server.limits.requestHeadTimeout: must be between 100ms and 10m, was 0s",
        "server.sse.history: must be between 0 and 10000000, was -1",
        "server.sse.clientBuffer: must be between 1 and 1000000, was 0",
        "server.sse.overflow: must be one of disconnect, drop-oldest, was \"block\"",
        "server.sse.heartbeat: must be a duration such as 500ms, 15s, 2m or 1h, was 15");
  }

  @Test
  void acceptsIsoDurationsAndChecksTheirRange() {
    assertThat(parse("server: {sse: {heartbeat: PT2M}}").server().sse().heartbeat()).isEqualTo(Duration.ofMinutes(2));
    assertThat(problems("server: {sse: {heartbeat: 1h}}"))
        .containsExactly("server.sse.heartbeat: must be between 100ms and 10m, was 1h");
  }

  @Test
  void readsJsonLinesTargets() {
    assertThat(parse("sinks: {jsonLines: {target: stdout}}").sinks().jsonLines())
        .contains(new SinksConfig.JsonLines(java.util.Optional.empty()));
    assertThat(parse("sinks: {jsonLines: {}}").sinks().jsonLines())
        .contains(new SinksConfig.JsonLines(java.util.Optional.empty()));
    assertThat(parse("sinks: {jsonLines: {target: out/events.jsonl}}").sinks().jsonLines())
        .contains(new SinksConfig.JsonLines(java.util.Optional.of(Path.of("out/events.jsonl"))));
    assertThat(parse("sinks: {jsonLines: {enabled: false, target: x.jsonl}}").sinks().jsonLines()).isEmpty();
  }

  @Test
  void readsWebhooksWithDefaults() {
    List<SinksConfig.Webhook> hooks = parse("""
        sinks:
          webhooks:
            - url: http://127.0.0.1:9000/a
            - url: https://hooks.example/b
              batchSize: 10
              deadLetterFile: b.jsonl
        """).sinks().webhooks();
    assertThat(hooks).containsExactly(
        new SinksConfig.Webhook("webhook-0", WebhookFormat.JSON, java.util.Set.of(), URI.create("http://127.0.0.1:9000/a"), 1, 5, Duration.ofMillis(500),
            Duration.ofSeconds(30), 10_000, Duration.ofSeconds(10), Path.of("webhook-0-dead-letters.jsonl")),
        new SinksConfig.Webhook("webhook-1", WebhookFormat.JSON, java.util.Set.of(), URI.create("https://hooks.example/b"), 10, 5, Duration.ofMillis(500),
            Duration.ofSeconds(30), 10_000, Duration.ofSeconds(10), Path.of("b.jsonl")));
  }

  @Test
  void checksWebhooksNamingTheListIndex() {
    assertThat(problems("""
        sinks:
          webhooks:
            - url: https://ok.example/
            - batchSize: 0
            - url: https://x.example/
              initialBackoff: 10s
              maxBackoff: 1s
              retries: 3
            - just a string
        """)).containsExactly(
        "sinks.webhooks[3]: must be a mapping of keys, was \"just a string\"",
        "sinks.webhooks[1].url: is required",
        "sinks.webhooks[1].batchSize: must be between 1 and 10000, was 0",
        "sinks.webhooks[2].maxBackoff: must not be shorter than initialBackoff",
        "sinks.webhooks[2].retries: unknown key (expected one of url, name, format, kinds, batchSize, maxAttempts,"
            + " initialBackoff, maxBackoff, queueCapacity, timeout, deadLetterFile)");
  }

  @Test
  void kafkaSectionIsReadByTheClusterOptions() {
    DaemonConfig both = parse("kafka: {role: both, bootstrapServers: 'k1:9092,k2:9092', topics: {partitions: 6}}");
    assertThat(both.kafka().role()).isEqualTo(KafkaRole.BOTH);
    assertThat(both.kafka().options().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(both.kafka().options().topics().partitions()).isEqualTo(6);
    assertThat(parse("kafka: {role: none}").kafka().role()).isEqualTo(KafkaRole.NONE);
    assertThat(problems("kafka: {role: leader}"))
        .containsExactly("kafka.role: must be one of none, ingest, process, both, contact-centre, was \"leader\"");
    assertThat(problems("kafka: {role: ingest, bootsrapServers: x}")).contains(
        "kafka.bootstrapServers: required when role is ingest");
    assertThat(problems("kafka: 3")).containsExactly("kafka: must be a mapping of keys, was 3");
  }

  @Test
  void rejectsKafkaCredentialsUnlessTheyComeFromAConfigProvider() {
    String yaml = """
        kafka:
          role: ingest
          bootstrapServers: k:9092
          properties:
            config.providers: env
            config.providers.env.class: org.apache.kafka.common.config.provider.EnvVarConfigProvider
            sasl.jaas.config: %s
            ssl.truststore.password: changeit
        """;
    assertThat(problems(yaml.formatted("'org.apache...ScramLoginModule required username=\"u\" password=\"p\";'"))).containsExactly(
        "kafka.properties.sasl.jaas.config: secrets are not accepted in a configuration file;"
            + " use a Kafka config provider, e.g. ${env:KAFKA_SASL_JAAS_CONFIG} with config.providers: env",
        "kafka.properties.ssl.truststore.password: secrets are not accepted in a configuration file;"
            + " use a Kafka config provider, e.g. ${env:KAFKA_SASL_JAAS_CONFIG} with config.providers: env");
    assertThat(problems(yaml.formatted("'${env:KAFKA_SASL_JAAS_CONFIG}'"))).singleElement().asString()
        .startsWith("kafka.properties.ssl.truststore.password:");
  }

  @Test
  void kafkaRoleFilesLoad() {
    assertThat(DaemonConfig.load(Path.of("config/kafka-ingest.yaml"), RC_ENV).kafka().role()).isEqualTo(KafkaRole.INGEST);
    assertThat(DaemonConfig.load(Path.of("config/kafka-process.yaml"), RC_ENV).kafka().role()).isEqualTo(KafkaRole.PROCESS);
    DaemonConfig contactCentre = DaemonConfig.load(Path.of("config/kafka-contact-centre.yaml"), RC_ENV);
    assertThat(contactCentre.kafka().role()).isEqualTo(KafkaRole.CONTACT_CENTRE);
    assertThat(contactCentre.contactCentre().enabled()).isTrue();
    assertThat(DaemonConfig.load(Path.of("config/kafka-ingest.yaml"), RC_ENV).contactCentre().enabled())
        .as("the ingest example publishes the directory").isTrue();
  }

  // --- structure ---

  @Test
  void rejectsUnknownKeysAtEveryLevel() {
    assertThat(problems("""
        srever: {port: 1}
        server:
          prot: 1
          sse: {histroy: 5}
        """)).containsExactly(
        "server.sse.histroy: unknown key (expected one of history, clientBuffer, overflow, heartbeat, retry, coalesce)",
        "server.prot: unknown key (expected one of host, port, auth, corsOrigins, limits, sse)",
        "srever: unknown key (expected one of source, sources, engine, server, sinks, kafka, contactCentre)");
  }

  @Test
  void rejectsWrongShapes() {
    assertThat(problems("- a\n- b")).containsExactly(
        "(top level): must be a mapping of sections (source, engine, server, sinks, kafka, contactCentre)");
    assertThat(problems("server: 8080")).containsExactly("server: must be a mapping of keys, was 8080");
    assertThat(problems("sinks: {webhooks: {url: x}}")).containsExactly("sinks.webhooks: must be a list, was a mapping");
  }

  @Test
  void rejectsInvalidYamlAndDuplicateKeys() {
    assertThat(problems("server: [unclosed")).singleElement().asString().startsWith("(file): not valid YAML");
    assertThat(problems("server: {port: 1}\nserver: {port: 2}")).singleElement().asString()
        .startsWith("(file): not valid YAML").contains("server");
  }

  @Test
  void malformedYamlNamesTheLineAndColumn() {
    assertThat(problems("source: {simulator: {}}\nserver:\n  port: 80\n   host: x\n"))
        .singleElement().asString()
        .startsWith("(file): not valid YAML at line 4, column ")
        .doesNotContain("[Source:");
  }

  @Test
  void reportsEveryProblemAtOnceWithTheOrigin() {
    assertThatThrownBy(() -> DaemonConfig.parse("server: {port: -1}\nkafka: {role: x}", "mine.yaml", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid configuration mine.yaml:")
        .hasMessageContaining("server.port: must be between 0 and 65535, was -1")
        .hasMessageContaining("kafka.role: must be one of");
  }

  @Test
  void namesAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> DaemonConfig.load(dir.resolve("nope.yaml"), NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.yaml")
        .hasMessageContaining("no such file");
  }

  @Test
  void saysABinaryFileIsNotText(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("binary.yaml"), new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xfe, 0});

    assertThatThrownBy(() -> DaemonConfig.load(file, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("binary.yaml")
        .hasMessageContaining("(file): not UTF-8 text")
        .hasMessageNotContaining("Input length");
  }

  @Test
  void emptyFileMeansAllDefaults(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), "# nothing here\n");
    assertThat(DaemonConfig.load(file, NO_ENV)).isEqualTo(DaemonConfig.loadDefault(NO_ENV));
  }
}
