package io.presencestream.daemon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.presencestream.cluster.KafkaOptions;
import io.presencestream.model.EventKind;
import io.presencestream.sink.WebhookFormat;
import io.presencestream.engine.SessionOptions;
import io.presencestream.internal.Durations;
import io.presencestream.ringcentral.ExtensionSelection;
import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.TelephonyScope;
import io.presencestream.server.ServerOptions;
import io.presencestream.store.HistoryDatabase;
import io.presencestream.store.HistoryOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the YAML tree into {@link DaemonConfig}. The defaults for absent keys live here and equal what
 * {@code config/default.yaml} spells out (a test holds the two together).
 */
final class ConfigLoader {

  static final String ENV_CLIENT_ID = "RINGCENTRAL_CLIENT_ID";
  static final String ENV_CLIENT_SECRET = "RINGCENTRAL_CLIENT_SECRET";
  static final String ENV_JWT = "RINGCENTRAL_JWT";
  static final String DEFAULT_TOKEN_ENV = "PRESENCE_STREAM_TOKEN";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  /** Whether {@code source.simulator.feeds} was written (its default depends on the Kafka role). */
  private boolean simulatorFeedsGiven;

  private ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  static DaemonConfig parse(String yaml, String origin, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(env);
    JsonNode document;
    try {
      document = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1
          ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(origin, List.of("(file): not valid YAML" + where + ": " + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ConfigException(origin, List.of("(file): not valid YAML: " + firstLine(e.getMessage())));
    }
    DaemonConfig config = loader.read(ConfigNode.root(document, loader.problems));
    if (!loader.problems.isEmpty()) {
      throw new ConfigException(origin, loader.problems);
    }
    return config;
  }

  private DaemonConfig read(ConfigNode root) {
    List<AccountSource> accounts = List.of();
    SourceConfig source;
    boolean classic = root.has("source");
    if (root.has("sources")) {
      if (classic) {
        root.problem("sources", "choose one of source (one account) and sources (a list of accounts); both are given");
      }
      accounts = new SourcesSection(this::simulator, this::ringcentral).read(root);
      source = accounts.isEmpty() ? null : accounts.get(0).source();
    } else {
      source = source(root.section("source"));
    }
    EngineConfig engine = engine(root.section("engine"));
    ServerConfig server = server(root.section("server"));
    SinksConfig sinks = sinks(root.section("sinks"));
    KafkaConfig kafka = kafka(root);
    ContactCentreConfig contactCentre = contactCentre(root, source, sinks, kafka);
    root.rejectUnknownKeys();
    if (!accounts.isEmpty() && kafka.role() != io.presencestream.cluster.KafkaRole.NONE) {
      root.problem("sources", "a Kafka role (kafka.role: " + kafka.role().label() + ") runs one account, written as"
          + " source: (the raw topic carries no account yet)");
    }
    if (source instanceof SourceConfig.Simulator sim && !simulatorFeedsGiven && kafka.role().ingests()) {
      // The raw topic carries no telephony sessions yet: an ingest would subscribe to them only to skip them.
      source = new SourceConfig.Simulator(sim.extensions(), sim.seed(), sim.eventsPerSecond(), sim.port(),
          EnumSet.of(Feed.PRESENCE));
    }
    return problems.isEmpty() ? new DaemonConfig(source, engine, server, sinks, kafka, contactCentre, accounts) : null;
  }

  private static ContactCentreConfig contactCentre(ConfigNode root, SourceConfig source, SinksConfig sinks, KafkaConfig kafka) {
    Set<String> webhooks = new java.util.LinkedHashSet<>();
    sinks.webhooks().forEach(hook -> webhooks.add(hook.name()));
    return ContactCentreSection.read(root.section("contactCentre"), !(source instanceof SourceConfig.RingCentral), kafka.role(), webhooks,
        sinks.database().isPresent());
  }

  private SourceConfig source(ConfigNode node) {
    SourceConfig result = SourcesSection.oneOf(node, true, this::simulator, this::ringcentral);
    node.rejectUnknownKeys();
    return result;
  }

  /**
   * {@code source.simulator}. Its {@code feeds} default to both: the simulator grants the CallControl
   * permission, so a first run shows telephony sessions too (but see {@link #read}: a Kafka ingest).
   */
  private SourceConfig.Simulator simulator(ConfigNode node) {
    return simulator(node, SourceConfig.Simulator.DEFAULT_ACCOUNT_ID);
  }

  /** A simulator section; {@code accountId} defaults to {@code defaultAccount} (each entry of sources: its own). */
  private SourceConfig.Simulator simulator(ConfigNode node, String defaultAccount) {
    simulatorFeedsGiven = node.has("feeds");
    String accountId = node.digits("accountId", defaultAccount);
    SourceConfig.Simulator result =
        new SourceConfig.Simulator(
            node.intBetween("extensions", 24, 1, 5000),
            node.longBetween("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
            node.doubleBetween("eventsPerSecond", 2, 0, 10_000),
            node.intBetween("port", 0, 0, 65535),
            feeds(node, List.of("presence", "telephony")),
            accountId);
    node.rejectUnknownKeys();
    return result;
  }

  private SourceConfig.RingCentral ringcentral(ConfigNode node) {
    URI serverUrl = node.url("serverUrl", URI.create("https://platform.ringcentral.com"));
    ExtensionSelection extensions = ExtensionSelection.self();
    List<String> listed = node.strings("extensions", List.of("~"));
    if (listed.isEmpty()) {
      node.problem("extensions", "must be \"~\" (your own), \"all\" or a list of extension ids, was an empty list");
    } else if (listed.equals(List.of("all"))) {
      extensions = ExtensionSelection.allEnabledUsers();
    } else if (!listed.equals(List.of("~"))) {
      for (String id : listed) {
        if (!id.matches("[0-9]{1,20}")) {
          node.problem("extensions", "must be \"~\" (your own), \"all\" or a list of numeric extension ids, had \""
              + id + "\"");
        }
      }
      extensions = ExtensionSelection.of(listed);
    }
    Duration restRetryBudget =
        node.duration("restRetryBudget", Duration.ofSeconds(90), Duration.ofSeconds(1), Duration.ofHours(1));
    Set<Feed> feeds = feeds(node, List.of("presence"));
    TelephonyScope telephonyScope = node.oneOf("telephonyScope", TelephonyScope.AUTO, Map.of(
        "account", TelephonyScope.ACCOUNT, "extensions", TelephonyScope.EXTENSIONS, "auto", TelephonyScope.AUTO));
    int maxFilters = node.intBetween("maxFiltersPerSubscription", 1000, 1, 10_000);
    String accountId = node.digits("accountId", null);
    ConfigNode names = node.section("credentials");
    String clientIdEnv = variableName(names, "clientIdEnv", ENV_CLIENT_ID);
    String clientSecretEnv = variableName(names, "clientSecretEnv", ENV_CLIENT_SECRET);
    String jwtEnv = variableName(names, "jwtEnv", ENV_JWT);
    for (String literal : List.of("clientId", "clientSecret", "jwt")) {
      if (names.keys().contains(literal)) {
        names.has(literal); // reported here, not again as an unknown key
        names.problem(literal, "credentials are read only from the environment: name the variable with "
            + literal + "Env (the value is not repeated here)");
      }
    }
    names.rejectUnknownKeys();
    node.rejectUnknownKeys();
    String clientId = environment(node, clientIdEnv);
    String clientSecret = environment(node, clientSecretEnv);
    String jwt = environment(node, jwtEnv);
    if (clientId == null || clientSecret == null || jwt == null) {
      return null;
    }
    return new SourceConfig.RingCentral(
        serverUrl, extensions, new SourceConfig.Credentials(clientId, Secret.of(clientSecret), Secret.of(jwt)),
        restRetryBudget, feeds, telephonyScope, maxFilters, accountId);
  }

  /** {@code feeds}: a list of {@code presence} and {@code telephony}, presence among them. */
  private static Set<Feed> feeds(ConfigNode node, List<String> defaults) {
    List<String> words = node.strings("feeds", defaults);
    Set<Feed> feeds = EnumSet.noneOf(Feed.class);
    for (String word : words) {
      if (word.equals("presence") || word.equals("telephony")) {
        feeds.add(Feed.parse(word));
      } else {
        node.problem("feeds", "must list presence and, for telephony sessions, telephony; had \"" + word + "\"");
      }
    }
    if (!feeds.contains(Feed.PRESENCE)) {
      node.problem("feeds", "must include presence (the engine's state is presence; telephony comes beside it)");
      feeds.add(Feed.PRESENCE);
    }
    return feeds;
  }

  /** The name of an environment variable that holds a credential. */
  private static String variableName(ConfigNode node, String key, String defaultName) {
    String name = node.string(key, defaultName);
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      node.problem(key, "must be the name of an environment variable, was \"" + name + "\"");
      return defaultName;
    }
    return name;
  }

  private String environment(ConfigNode node, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      node.problem(null, "environment variable " + name + " is not set (credentials are read only from the environment)");
      return null;
    }
    return value.strip();
  }

  private EngineConfig engine(ConfigNode node) {
    EngineConfig defaults = EngineConfig.defaults();
    EngineConfig result =
        new EngineConfig(
            node.intBetween("maxCallsPerExtension", defaults.maxCallsPerExtension(), 1, 1000),
            node.longBetween("sequenceResetThreshold", defaults.sequenceResetThreshold(), 1, Long.MAX_VALUE),
            node.duration("ringOutGrace", defaults.ringOutGrace(), Duration.ZERO, Duration.ofSeconds(30)),
            sessions(node.section("sessions"), defaults.sessions()));
    node.rejectUnknownKeys();
    return result;
  }

  /** {@code engine.sessions}: the telephony-session tracker's limits, within ranges that keep memory bounded. */
  private static SessionOptions sessions(ConfigNode node, SessionOptions defaults) {
    SessionOptions result = SessionOptions.builder()
        .maxSessionsPerExtension(node.intBetween("maxSessionsPerExtension", defaults.maxSessionsPerExtension(), 1, 1000))
        .switchGrace(node.duration("switchGrace", defaults.switchGrace(), Duration.ZERO, Duration.ofMinutes(5)))
        .sequenceMemory(node.duration("sequenceMemory", defaults.sequenceMemory(), Duration.ZERO, Duration.ofHours(1)))
        .build();
    node.rejectUnknownKeys();
    return result;
  }

  private ServerConfig server(ConfigNode node) {
    String host = node.string("host", "127.0.0.1");
    if (host.chars().anyMatch(Character::isWhitespace)) {
      node.problem("host", "must be a host name or IP address, was \"" + host + "\"");
    }
    int port = node.intBetween("port", 8080, 0, 65535);

    ConfigNode auth = node.section("auth");
    String tokenEnv = auth.string("tokenEnv", DEFAULT_TOKEN_ENV);
    if (!tokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      auth.problem("tokenEnv", "must be the name of an environment variable, was \"" + tokenEnv + "\"");
    }
    boolean required = auth.bool("required", false);
    String token = env.get(tokenEnv);
    Optional<Secret> authToken = token == null || token.isBlank() ? Optional.empty() : Optional.of(Secret.of(token.strip()));
    if (token != null && token.isBlank()) {
      // Set but blank is a mistake (an empty secret in a deployment), not a wish for an open server.
      auth.problem("tokenEnv", "environment variable " + tokenEnv + " is set but blank: give it a token, or unset it to run without auth");
    } else if (required && authToken.isEmpty()) {
      auth.problem("required", "is true but environment variable " + tokenEnv + " is not set");
    }
    auth.rejectUnknownKeys();

    List<String> corsOrigins = node.strings("corsOrigins", List.of());
    for (String origin : corsOrigins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        node.problem("corsOrigins", "each origin must be * or scheme://host[:port] without a path, had \"" + origin + "\"");
      }
    }

    ConfigNode limits = node.section("limits");
    int maxConnections = limits.intBetween("maxConnections", 256, 1, 1_000_000);
    int maxRequestBytes = limits.intBetween("maxRequestBytes", 16_384, 1024, 1024 * 1024);
    int maxConnectionsPerAddress = limits.intBetween("maxConnectionsPerAddress", 64, 1, 1_000_000);
    Duration requestHeadTimeout =
        limits.duration("requestHeadTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10));
    limits.rejectUnknownKeys();

    ConfigNode sse = node.section("sse");
    int history = sse.intBetween("history", 1000, 0, 10_000_000);
    int clientBuffer = sse.intBetween("clientBuffer", 256, 1, 1_000_000);
    ServerConfig.Overflow overflow =
        sse.oneOf(
            "overflow",
            ServerConfig.Overflow.DROP_OLDEST,
            Map.of("drop-oldest", ServerConfig.Overflow.DROP_OLDEST, "disconnect", ServerConfig.Overflow.DISCONNECT));
    Duration heartbeat = sse.duration("heartbeat", Duration.ofSeconds(15), Duration.ofMillis(100), Duration.ofMinutes(10));
    Duration retry = sse.duration("retry", Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(10));
    Duration coalesce =
        sse.duration("coalesce", ServerOptions.DEFAULT_COALESCE_INTERVAL, Duration.ZERO, Duration.ofSeconds(1));
    sse.rejectUnknownKeys();

    node.rejectUnknownKeys();
    return new ServerConfig(
        host, port, authToken, corsOrigins, maxConnections, maxRequestBytes, maxConnectionsPerAddress, requestHeadTimeout,
        new ServerConfig.Sse(history, clientBuffer, overflow, heartbeat, retry, coalesce));
  }

  private SinksConfig sinks(ConfigNode node) {
    Optional<SinksConfig.JsonLines> jsonLines = Optional.empty();
    if (node.has("jsonLines")) {
      ConfigNode lines = node.section("jsonLines");
      boolean enabled = lines.bool("enabled", true);
      String target = lines.string("target", "stdout");
      Optional<Path> file = target.equals("stdout") ? Optional.empty() : path(lines, "target", target);
      lines.rejectUnknownKeys();
      if (enabled) {
        jsonLines = Optional.of(new SinksConfig.JsonLines(file));
      }
    } else {
      node.section("jsonLines");
    }
    List<SinksConfig.Webhook> webhooks = new ArrayList<>();
    List<ConfigNode> items = node.sections("webhooks");
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      SinksConfig.Webhook webhook = webhook(items.get(i), i);
      if (webhook != null) {
        if (!names.add(webhook.name())) {
          items.get(i).problem("name", "\"" + webhook.name() + "\" is the name of an earlier webhook; names must be unique");
        }
        webhooks.add(webhook);
      }
    }
    Optional<SinksConfig.Database> database = Optional.empty();
    if (node.has("database")) {
      database = database(node.section("database"));
    }
    node.rejectUnknownKeys();
    return new SinksConfig(jsonLines, webhooks, database);
  }

  static final String DEFAULT_DATABASE_PASSWORD_ENV = "PRESENCE_DB_PASSWORD";

  private static final Pattern DAYS = Pattern.compile("(\\d{1,5})\\s*d");

  private static final Pattern WEBHOOK_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** {@code sinks.database}: the embedded H2 unless {@code postgresql} is given; the password only from the environment. */
  private Optional<SinksConfig.Database> database(ConfigNode node) {
    boolean enabled = node.bool("enabled", true);
    HistoryDatabase database;
    if (node.has("h2") && node.has("postgresql")) {
      node.problem("postgresql", "give either h2 or postgresql, not both");
    }
    if (node.has("postgresql")) {
      ConfigNode pg = node.section("postgresql");
      String host = pg.string("host", "localhost");
      int port = pg.intBetween("port", 5432, 1, 65535);
      String name = pg.string("database", "presence");
      String user = pg.string("user", "presence");
      String passwordEnv = pg.string("passwordEnv", DEFAULT_DATABASE_PASSWORD_ENV);
      if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        pg.problem("passwordEnv", "must be the name of an environment variable, was \"" + passwordEnv + "\"");
      }
      String password = env.get(passwordEnv);
      if (password != null && password.isEmpty()) {
        pg.problem("passwordEnv", "environment variable " + passwordEnv + " is set but empty: give it the password, or unset it for a server that needs none");
      }
      Map<String, HistoryDatabase.SslMode> modes = new java.util.TreeMap<>();
      for (HistoryDatabase.SslMode mode : HistoryDatabase.SslMode.values()) {
        modes.put(mode.label(), mode);
      }
      HistoryDatabase.SslMode sslMode = pg.oneOf("sslMode", HistoryDatabase.SslMode.PREFER, modes);
      pg.rejectUnknownKeys();
      database = HistoryDatabase.postgresql(host, port, name, user, password == null || password.isEmpty() ? null : password, sslMode);
    } else {
      ConfigNode h2 = node.section("h2");
      Optional<Path> file = path(h2, "file", h2.string("file", "history/presence"));
      h2.rejectUnknownKeys();
      database = HistoryDatabase.h2(file.orElse(Path.of("history/presence")));
    }
    HistoryOptions.Builder options = HistoryOptions.builder(database)
        .batchSize(node.intBetween("batchSize", 500, 1, 10_000))
        .queueCapacity(node.intBetween("queueCapacity", 10_000, 2, 10_000_000))
        .maxSpillBytes(node.longBetween("maxSpillBytes", 1L << 30, 1L << 20, Long.MAX_VALUE))
        .writeTimeout(node.duration("writeTimeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(10)))
        .connectTimeout(node.duration("connectTimeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(10)))
        .poolSize(node.intBetween("poolSize", 4, 1, 100));
    path(node, "spillDirectory", node.string("spillDirectory", "history/spill")).ifPresent(options::spillDirectory);
    Duration initialBackoff = node.duration("initialBackoff", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(10));
    Duration maxBackoff = node.duration("maxBackoff", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      node.problem("maxBackoff", "must not be shorter than initialBackoff");
    } else {
      options.backoff(initialBackoff, maxBackoff);
    }
    String zone = node.string("zone", "UTC");
    try {
      options.zone(ZoneId.of(zone));
    } catch (DateTimeException e) {
      node.problem("zone", "must be a time zone such as UTC, Europe/Paris or America/New_York, was \"" + zone + "\"");
    }
    ConfigNode retention = node.section("retention");
    options.eventRetention(retention(retention, "events", Duration.ofDays(30)));
    options.callRetention(retention(retention, "calls", Duration.ofDays(400)));
    options.agentStateRetention(retention(retention, "agentStates", Duration.ofDays(400)));
    options.queueCallRetention(retention(retention, "queueCalls", Duration.ofDays(400)));
    options.retentionInterval(retention.duration("interval", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(1)));
    retention.rejectUnknownKeys();
    node.rejectUnknownKeys();
    if (!enabled) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SinksConfig.Database(options.build()));
    } catch (IllegalArgumentException e) {
      node.problem(null, e.getMessage());
      return Optional.empty();
    }
  }

  /** A retention: days ({@code 30d}), a duration ({@code 12h}), or {@code forever}. */
  private static Duration retention(ConfigNode node, String key, Duration defaultValue) {
    String text = node.string(key, null);
    if (text == null) {
      return defaultValue;
    }
    if (text.equals("forever")) {
      return Duration.ZERO;
    }
    Matcher days = DAYS.matcher(text);
    Duration parsed = days.matches() ? Duration.ofDays(Long.parseLong(days.group(1))) : Durations.parse(text).orElse(null);
    if (parsed == null || parsed.compareTo(Duration.ofMinutes(1)) < 0) {
      node.problem(key, "must be a number of days such as 30d, a duration of at least 1m such as 12h, or forever, was \"" + text + "\"");
      return defaultValue;
    }
    return parsed;
  }

  private SinksConfig.Webhook webhook(ConfigNode node, int index) {
    URI url = node.url("url", null);
    if (url == null && !node.has("url")) {
      node.problem("url", "is required");
    }
    String name = node.string("name", "webhook-" + index);
    if (!WEBHOOK_NAME.matcher(name).matches()) {
      node.problem("name", "must be letters, digits, '.', '_' or '-' (at most 64), was \"" + name + "\"");
    }
    WebhookFormat format = node.oneOf("format", WebhookFormat.JSON, Map.of("json", WebhookFormat.JSON, "slack", WebhookFormat.SLACK));
    Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
    if (node.has("kinds")) {
      List<String> words = node.strings("kinds", List.of());
      if (words.isEmpty()) {
        node.problem("kinds", "must list at least one event kind (leave it out for the format's default)");
      }
      for (String word : words) {
        try {
          kinds.add(EventKind.parse(word));
        } catch (IllegalArgumentException e) {
          node.problem("kinds", e.getMessage());
        }
      }
    }
    int batchSize = node.intBetween("batchSize", 1, 1, 10_000);
    if (format == WebhookFormat.SLACK && batchSize != 1) {
      node.problem("batchSize", "must be 1 with format slack (a chat message is one event), was " + batchSize);
    }
    int maxAttempts = node.intBetween("maxAttempts", 5, 1, 100);
    Duration initialBackoff =
        node.duration("initialBackoff", Duration.ofMillis(500), Duration.ofMillis(1), Duration.ofMinutes(10));
    Duration maxBackoff = node.duration("maxBackoff", Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofHours(1));
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      node.problem("maxBackoff", "must not be shorter than initialBackoff");
    }
    int queueCapacity = node.intBetween("queueCapacity", 10_000, 1, 10_000_000);
    Duration timeout = node.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMinutes(10));
    String deadLetter = node.string("deadLetterFile", name + "-dead-letters.jsonl");
    Optional<Path> deadLetterFile = path(node, "deadLetterFile", deadLetter);
    node.rejectUnknownKeys();
    if (url == null || deadLetterFile.isEmpty()) {
      return null;
    }
    return new SinksConfig.Webhook(
        name, format, kinds, url, batchSize, maxAttempts, initialBackoff, maxBackoff, queueCapacity, timeout, deadLetterFile.get());
  }

  private KafkaConfig kafka(ConfigNode root) {
    if (!root.has("kafka")) {
      return KafkaConfig.none();
    }
    ConfigNode node = root.section("kafka"); // reports a section that is not a mapping
    if (!root.tree().get("kafka").isObject()) {
      return KafkaConfig.none();
    }
    rejectKafkaSecrets(node.tree().get("properties"));
    try {
      return new KafkaConfig(KafkaOptions.fromConfig(YAML.convertValue(node.tree(), MAP)));
    } catch (IllegalArgumentException e) {
      // fromConfig names each key path itself, one problem a line
      for (String problem : e.getMessage().split("\n")) {
        problems.add(problem.startsWith("kafka") ? problem : "kafka: " + problem);
      }
      return KafkaConfig.none();
    }
  }

  /**
   * Kafka client properties that hold credentials may only point elsewhere, through a Kafka config
   * provider ({@code ${env:VARIABLE}} with {@code config.providers: env}, or {@code ${file:…}}).
   */
  private void rejectKafkaSecrets(JsonNode properties) {
    if (properties == null || !properties.isObject()) {
      return;
    }
    properties.fieldNames().forEachRemaining(name -> {
      String key = name.toLowerCase(java.util.Locale.ROOT);
      boolean secret = key.contains("password") || key.endsWith("jaas.config") || key.endsWith("secret")
          || key.equals("ssl.keystore.key");
      String value = properties.get(name).asText("");
      if (secret && !value.matches("\\$\\{[a-z]+:[^}]+}")) {
        problems.add("kafka.properties." + name + ": secrets are not accepted in a configuration file;"
            + " use a Kafka config provider, e.g. ${env:KAFKA_SASL_JAAS_CONFIG} with config.providers: env");
      }
    });
  }

  private static Optional<Path> path(ConfigNode node, String key, String text) {
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      node.problem(key, "must be a file path, was \"" + text + "\"");
      return Optional.empty();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
