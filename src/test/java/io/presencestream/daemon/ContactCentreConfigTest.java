package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.ContactCentreOptions;
import io.presencestream.model.AlertRule;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.EventKind;
import io.presencestream.sink.WebhookFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContactCentreConfigTest {

  private static final Map<String, String> RC_ENV =
      Map.of("RINGCENTRAL_CLIENT_ID", "id", "RINGCENTRAL_CLIENT_SECRET", "secret", "RINGCENTRAL_JWT", "jwt");

  private static DaemonConfig parse(String yaml) {
    return DaemonConfig.parse(yaml, "test.yaml", RC_ENV);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the configuration to be rejected:\n" + yaml);
  }

  @Test
  void isOnByDefaultOnTheSimulatorSoAFirstRunShowsTheView() {
    ContactCentreConfig config = parse("").contactCentre();
    assertThat(config.enabled()).isTrue();
    assertThat(config.options()).isEqualTo(ContactCentreOptions.defaults());
    assertThat(config.directoryRefresh()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theShippedContactCentreFileLoads() {
    DaemonConfig config = DaemonConfig.load(java.nio.file.Path.of("config/contact-centre.yaml"), RC_ENV);
    assertThat(config.contactCentre().enabled()).isTrue();
    assertThat(config.contactCentre().options().alerts()).extracting(AlertRule::name)
        .containsExactly("long-ring", "long-wait", "service-level", "abandoned", "dnd-too-long");
    assertThat(config.sinks().webhooks()).singleElement().satisfies(hook -> {
      assertThat(hook.name()).isEqualTo("ops-slack");
      assertThat(hook.format()).isEqualTo(WebhookFormat.SLACK);
    });
  }

  @Test
  void restoresFromTheHistoryByDefaultWhenADatabaseIsConfigured() {
    assertThat(parse("sinks: {database: {}}").contactCentre().restoreFromHistory()).isTrue();
    assertThat(parse("sinks: {database: {}}").contactCentre().restoreBudget()).isEqualTo(Duration.ofMinutes(2));
    assertThat(parse("").contactCentre().restoreFromHistory()).isFalse();
    assertThat(parse("sinks: {database: {}}\ncontactCentre: {restoreFromHistory: false, restoreBudget: 30s}")
        .contactCentre()).satisfies(config -> {
          assertThat(config.restoreFromHistory()).isFalse();
          assertThat(config.restoreBudget()).isEqualTo(Duration.ofSeconds(30));
        });
  }

  @Test
  void refusesARestoreWithoutADatabaseToRestoreFrom() {
    assertThat(problems("contactCentre: {restoreFromHistory: true, restoreBudget: 0s}")).containsExactly(
        "contactCentre.restoreFromHistory: rebuilds the view from the history database, but sinks.database is not"
            + " configured; configure it, or remove this key",
        "contactCentre.restoreBudget: must be between 1s and 1h, was 0s");
  }

  @Test
  void isOffByDefaultWithRingCentralAndOnWhenAsked() {
    assertThat(parse("source: {ringcentral: {extensions: all}}").contactCentre().enabled()).isFalse();
    assertThat(parse("source: {ringcentral: {extensions: all}}\ncontactCentre: {enabled: true}").contactCentre().enabled())
        .isTrue();
  }

  @Test
  void readsEverySetting() {
    ContactCentreConfig config = parse("""
        contactCentre:
          wrapUp: 30s
          timeZone: America/New_York
          serviceLevelThreshold: 15s
          serviceLevelThresholds: {Sales Queue: 30s, "2001": 10s}
          answeredElsewhereGrace: 1s
          queueGapGrace: 5s
          directoryRefresh: 1m
        """).contactCentre();
    ContactCentreOptions options = config.options();
    assertThat(options.wrapUp()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(options.serviceLevelThreshold()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.queueThresholds())
        .containsExactlyInAnyOrderEntriesOf(Map.of("Sales Queue", Duration.ofSeconds(30), "2001", Duration.ofSeconds(10)));
    assertThat(options.answeredElsewhereGrace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.queueGapGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.directoryRefresh()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void readsAlertRulesWithWhatEachRuleNeeds() {
    DaemonConfig config = parse("""
        sinks:
          webhooks:
            - {name: ops-slack, format: slack, url: "https://hooks.slack.example/T/B/x"}
        contactCentre:
          alerts:
            - name: long-ring
              rule: call.ringing
              longerThan: 30s
              severity: critical
              queues: [Sales Queue]
              extensions: ["101"]
              targets: [ops-slack]
            - {name: sl, rule: queue.serviceLevel, window: 15m, below: 80, minCalls: 10}
            - {name: abandoned, rule: queue.abandoned, clearAfter: 2m, severity: info}
        """);
    assertThat(config.contactCentre().options().alerts()).containsExactly(
        AlertRule.longerThan("long-ring", AlertRule.Kind.CALL_RINGING, Duration.ofSeconds(30), AlertSeverity.CRITICAL)
            .withQueues(List.of("Sales Queue")).withExtensions(List.of("101")).withTargets(List.of("ops-slack")),
        AlertRule.serviceLevel("sl", "15m", 80, AlertSeverity.WARNING).withMinCalls(10),
        AlertRule.onEvent("abandoned", AlertRule.Kind.QUEUE_ABANDONED, AlertSeverity.INFO).withClearAfter(Duration.ofMinutes(2)));
  }

  @Test
  void explainsEveryMistakeInAnAlertRuleByItsKeyPath() {
    assertThat(problems("""
        sinks:
          webhooks: [{name: ops, url: "https://hooks.example/x"}]
        contactCentre:
          alerts:
            - {name: a, rule: call.ringnig, longerThan: 30s}
            - {name: b, rule: call.hold}
            - {name: c, rule: queue.serviceLevel, window: 30m, below: 80}
            - {name: d, rule: queue.wait, longerThan: 1m, targets: [ops-slack]}
            - {name: e, rule: queue.abandoned, longerThan: 1m}
            - {rule: agent.dnd, longerThan: 5m, severity: urgent}
            - {name: a, rule: agent.offQueue, longerThan: 5m}
        """)).containsExactly(
        "contactCentre.alerts[0].rule: must be one of agent.dnd, agent.offQueue, call.hold, call.missed, call.ringing,"
            + " queue.abandoned, queue.serviceLevel, queue.wait, was \"call.ringnig\"",
        "contactCentre.alerts[1].longerThan: is required for rule call.hold (how long before it is raised, e.g. 30s)",
        "contactCentre.alerts[2].window: must be one of 15m, 1h, today, was \"30m\"",
        "contactCentre.alerts[3].targets: no webhook is named \"ops-slack\" in sinks.webhooks (names: ops)",
        "contactCentre.alerts[4].longerThan: is not used by rule queue.abandoned (only by call.ringing, call.hold,"
            + " queue.wait, agent.dnd and agent.offQueue)",
        "contactCentre.alerts[5].name: is required (it is part of every alert's id)",
        "contactCentre.alerts[5].severity: must be one of critical, info, warning, was \"urgent\"",
        "contactCentre.alerts[6].name: \"a\" is the name of an earlier rule; names must be unique (they are part of alert ids)");
  }

  @Test
  void checksTheSettingsRangesAndUnknownKeys() {
    assertThat(problems("""
        contactCentre:
          wrapUp: forever
          timeZone: Mars/Olympus
          serviceLevelThresholds: {Sales: soon}
          directoryRefresh: 1s
          wrapup: 10s
        """)).containsExactly(
        "contactCentre.wrapUp: must be a duration such as 500ms, 15s, 2m or 1h, was \"forever\"",
        "contactCentre.timeZone: must be a time zone such as UTC, Europe/Paris or America/New_York, was \"Mars/Olympus\"",
        "contactCentre.serviceLevelThresholds.Sales: must be a duration such as 500ms, 15s, 2m or 1h, was \"soon\"",
        "contactCentre.directoryRefresh: must be between 10s and 24h, was 1s",
        "contactCentre.wrapup: unknown key (expected one of enabled, wrapUp, timeZone, serviceLevelThreshold,"
            + " serviceLevelThresholds, answeredElsewhereGrace, queueGapGrace, directoryRefresh, restoreFromHistory, restoreBudget, alerts)");
  }

  @Test
  void isRefusedUnderTheProcessRoleBecauseAProcessorSeesOnlyItsPartitions() {
    assertThat(problems("""
        kafka: {role: process, bootstrapServers: "k:9092"}
        contactCentre: {enabled: true}
        """)).containsExactly(
        "contactCentre.enabled: the contact-centre view needs every agent of a queue in one process, but under"
            + " kafka.role process a processor sees only the extensions of its partitions; run the view in a daemon"
            + " with kafka.role contact-centre (or without a kafka role), and set contactCentre.enabled: false here");
    assertThat(parse("kafka: {role: process, bootstrapServers: \"k:9092\"}").contactCentre().enabled())
        .as("off by default for a processor, even on the simulator").isFalse();
  }

  @Test
  void isTheContactCentreRolesViewAndAnIngestsDirectory() {
    assertThat(parse("kafka: {role: contact-centre, bootstrapServers: \"k:9092\"}").contactCentre().enabled())
        .as("the role is the view").isTrue();
    assertThat(problems("""
        kafka: {role: contact-centre, bootstrapServers: "k:9092"}
        contactCentre: {enabled: false}
        """)).containsExactly("contactCentre.enabled: kafka.role contact-centre runs the contact-centre view: it cannot"
            + " be switched off (remove contactCentre.enabled, or choose another role)");
    assertThat(parse("kafka: {role: both, bootstrapServers: \"k:9092\"}").contactCentre().enabled())
        .as("an ingest on the simulator publishes the directory by default").isTrue();
    assertThat(parse("""
        kafka: {role: ingest, bootstrapServers: "k:9092"}
        source: {ringcentral: {extensions: all}}
        """).contactCentre().enabled()).as("with RingCentral an opt-in, as without Kafka").isFalse();
  }

  @Test
  void webhooksHaveNamesFormatsAndKinds() {
    List<SinksConfig.Webhook> hooks = parse("""
        sinks:
          webhooks:
            - {url: "https://a.example/"}
            - {name: ops-slack, format: slack, url: "https://hooks.slack.example/T/B/x"}
            - {name: states, url: "https://b.example/", kinds: [agent.state, queue.stats]}
        """).sinks().webhooks();
    assertThat(hooks).extracting(SinksConfig.Webhook::name).containsExactly("webhook-0", "ops-slack", "states");
    assertThat(hooks).extracting(SinksConfig.Webhook::format)
        .containsExactly(WebhookFormat.JSON, WebhookFormat.SLACK, WebhookFormat.JSON);
    assertThat(hooks.get(2).kinds()).isEqualTo(Set.of(EventKind.AGENT_STATE, EventKind.QUEUE_STATS));
    assertThat(hooks.get(1).deadLetterFile()).hasToString("ops-slack-dead-letters.jsonl");
  }

  @Test
  void checksWebhookNamesFormatsAndKinds() {
    assertThat(problems("""
        sinks:
          webhooks:
            - {name: ops, url: "https://a.example/", format: teams, kinds: [alert.rasied]}
            - {name: ops, url: "https://b.example/", format: slack, batchSize: 10}
            - {name: "no spaces", url: "https://c.example/"}
        """)).containsExactly(
        "sinks.webhooks[0].format: must be one of json, slack, was \"teams\"",
        "sinks.webhooks[0].kinds: unknown event kind 'alert.rasied' (expected one of " + String.join(", ",
            java.util.Arrays.stream(EventKind.values()).map(EventKind::label).toList()) + ")",
        "sinks.webhooks[1].batchSize: must be 1 with format slack (a chat message is one event), was 10",
        "sinks.webhooks[1].name: \"ops\" is the name of an earlier webhook; names must be unique",
        "sinks.webhooks[2].name: must be letters, digits, '.', '_' or '-' (at most 64), was \"no spaces\"");
  }
}
