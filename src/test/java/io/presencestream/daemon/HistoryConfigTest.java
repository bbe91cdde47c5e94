package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.store.HistoryDatabase;
import io.presencestream.store.HistoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sinks.database}: the embedded H2 by default, PostgreSQL with its password from the environment. */
class HistoryConfigTest {

  private static DaemonConfig parse(String yaml, Map<String, String> env) {
    return DaemonConfig.parse(yaml, "test", env);
  }

  @Test
  void anEmptySectionIsTheEmbeddedH2WithTheDefaults() {
    HistoryOptions options = parse("sinks: {database: {}}", Map.of()).sinks().database().orElseThrow().options();
    assertThat(options.database()).isEqualTo(HistoryDatabase.h2(Path.of("history/presence")));
    assertThat(options.spillDirectory()).isEqualTo(Path.of("history/spill"));
    assertThat(options.batchSize()).isEqualTo(500);
    assertThat(options.queueCapacity()).isEqualTo(10_000);
    assertThat(options.eventRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(options.callRetention()).isEqualTo(Duration.ofDays(400));
    assertThat(options.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(parse("sinks: {}", Map.of()).sinks().database()).isEmpty();
    assertThat(parse("sinks: {database: {enabled: false}}", Map.of()).sinks().database()).isEmpty();
  }

  @Test
  void postgresqlTakesItsPasswordFromTheNamedVariableAndNeverShowsIt() {
    DaemonConfig config = parse("""
        sinks:
          database:
            postgresql: {host: db.example.org, port: 6432, database: calls, user: reporter, passwordEnv: DB_PW, sslMode: verify-full}
            retention: {events: 7d, calls: forever, interval: 15m}
            zone: America/New_York
            writeTimeout: 3s
        """, Map.of("DB_PW", "s3cret-pw"));
    HistoryOptions options = config.sinks().database().orElseThrow().options();
    assertThat(options.database()).isEqualTo(HistoryDatabase.postgresql("db.example.org", 6432, "calls", "reporter",
        "s3cret-pw", HistoryDatabase.SslMode.VERIFY_FULL));
    assertThat(options.eventRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(options.callRetention()).isZero();
    assertThat(options.retentionInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(options.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(config.toString()).doesNotContain("s3cret-pw");
    assertThat(options.database().describe()).doesNotContain("s3cret-pw")
        .isEqualTo("PostgreSQL reporter@db.example.org:6432/calls (sslmode verify-full)");
  }

  @Test
  void aPasswordInTheFileAndBadValuesAreRefusedWithTheirKeys() {
    assertThatThrownBy(() -> parse("""
        sinks:
          database:
            postgresql: {password: hunter2}
            retention: {events: soon}
            zone: Mars/Olympus
            batchSize: 0
            color: blue
        """, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sinks.database.postgresql.password: secrets are not accepted in a configuration file")
        .hasMessageContaining("sinks.database.retention.events: must be a number of days such as 30d")
        .hasMessageContaining("sinks.database.zone: must be a time zone")
        .hasMessageContaining("sinks.database.batchSize: must be between 1 and 10000")
        .hasMessageContaining("sinks.database.color: unknown key")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> parse("sinks: {database: {h2: {}, postgresql: {}}}", Map.of()))
        .hasMessageContaining("sinks.database.postgresql: give either h2 or postgresql, not both");
  }

  @Test
  void theExampleFilesLoad() {
    assertThat(DaemonConfig.load(Path.of("config/history.yaml"), Map.of()).sinks().database().orElseThrow().options()
        .database()).isEqualTo(HistoryDatabase.h2(Path.of("history/presence")));
    HistoryOptions pg = DaemonConfig.load(Path.of("config/history-postgresql.yaml"), Map.of("PRESENCE_DB_PASSWORD", "pw",
            "RINGCENTRAL_CLIENT_ID", "id", "RINGCENTRAL_CLIENT_SECRET", "secret", "RINGCENTRAL_JWT", "jwt"))
        .sinks().database().orElseThrow().options();
    assertThat(pg.database()).isInstanceOf(HistoryDatabase.PostgreSql.class);
    assertThat(pg.callRetention()).isZero();
  }

  @Test
  void theContactCentreTablesHaveTheirOwnRetention() {
    HistoryOptions options = parse("sinks: {database: {h2: {}, retention: {agentStates: 7d, queueCalls: forever}}}", Map.of())
        .sinks().database().orElseThrow().options();
    assertThat(options.agentStateRetention()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(options.queueCallRetention()).isZero();
    HistoryOptions defaults = parse("sinks: {database: {h2: {}}}", Map.of()).sinks().database().orElseThrow().options();
    assertThat(defaults.agentStateRetention()).isEqualTo(java.time.Duration.ofDays(400));
    assertThat(defaults.queueCallRetention()).isEqualTo(java.time.Duration.ofDays(400));
  }
}
