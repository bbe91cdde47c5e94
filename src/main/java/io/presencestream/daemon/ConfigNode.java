package io.presencestream.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.presencestream.internal.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the YAML tree, read key by key. Every accessor takes the default when the key is
 * absent, records a problem naming the full key path when the value is wrong (and then returns the
 * default, so reading goes on and all problems are reported together), and remembers which keys it
 * was asked for: {@link #rejectUnknownKeys()} turns every other key into a problem.
 */
final class ConfigNode {

  /** Keys that would hold a credential: never accepted from a file, whatever section they are in. */
  private static final Map<String, String> SECRET_KEYS =
      Map.of(
          "clientid", "RINGCENTRAL_CLIENT_ID",
          "clientsecret", "RINGCENTRAL_CLIENT_SECRET",
          "jwt", "RINGCENTRAL_JWT",
          "password", "an environment variable",
          "secret", "an environment variable",
          "token", "an environment variable (server.auth.tokenEnv names it)",
          "authtoken", "an environment variable (server.auth.tokenEnv names it)",
          "bearertoken", "an environment variable (server.auth.tokenEnv names it)",
          "accesstoken", "an environment variable",
          "apikey", "an environment variable");

  private final String path;
  private final JsonNode node;
  private final List<String> problems;
  private final Set<String> known = new LinkedHashSet<>();

  private ConfigNode(String path, JsonNode node, List<String> problems) {
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  /** The root mapping; a document that is empty or only comments reads as an empty mapping. */
  static ConfigNode root(JsonNode document, List<String> problems) {
    if (document == null || document.isMissingNode() || document.isNull()) {
      return new ConfigNode("", JsonNodeFactory.instance.objectNode(), problems);
    }
    if (!document.isObject()) {
      problems.add("(top level): must be a mapping of sections (source, engine, server, sinks, kafka, contactCentre)");
      return new ConfigNode("", JsonNodeFactory.instance.objectNode(), problems);
    }
    return new ConfigNode("", document, problems);
  }

  String path() {
    return path;
  }

  /** The mapping itself, for a section another package reads (e.g. {@code kafka}). */
  JsonNode tree() {
    return node;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    problems.add((key == null ? path : pathOf(key)) + ": " + message);
  }

  /** Whether the key is present with a non-null value. */
  boolean has(String key) {
    known.add(key);
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Keys present in this mapping, in file order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A nested mapping; absent or null reads as empty (all defaults). */
  ConfigNode section(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return new ConfigNode(pathOf(key), JsonNodeFactory.instance.objectNode(), problems);
    }
    if (!value.isObject()) {
      problem(key, "must be a mapping of keys, was " + describe(value));
      return new ConfigNode(pathOf(key), JsonNodeFactory.instance.objectNode(), problems);
    }
    return new ConfigNode(pathOf(key), value, problems);
  }

  /** A list of mappings; absent or null reads as empty. */
  List<ConfigNode> sections(String key) {
    JsonNode value = value(key);
    List<ConfigNode> items = new ArrayList<>();
    if (value == null) {
      return items;
    }
    if (!value.isArray()) {
      problem(key, "must be a list, was " + describe(value));
      return items;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = pathOf(key) + "[" + i + "]";
      if (!item.isObject()) {
        problems.add(itemPath + ": must be a mapping of keys, was " + describe(item));
        continue;
      }
      items.add(new ConfigNode(itemPath, item, problems));
    }
    return items;
  }

  String string(String key, String defaultValue) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem(key, "must be a non-empty string, was " + describe(value));
      return defaultValue;
    }
    return value.asText().strip();
  }

  /**
   * A RingCentral id (an account's): 1 to 20 digits, written as a YAML number or string.
   *
   * @return the id, {@code defaultValue} when absent or after a problem
   */
  String digits(String key, String defaultValue) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    String text = value.isIntegralNumber() || value.isTextual() ? value.asText().strip() : null;
    if (text == null || !text.matches("[0-9]{1,20}")) {
      problem(key, "must be 1 to 20 digits (a RingCentral account id), was " + describe(value));
      return defaultValue;
    }
    return text;
  }

  /** A string list; a single string is accepted as a list of one. Numbers are taken as their text (ids). */
  List<String> strings(String key, List<String> defaultValue) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return List.of(value.asText());
    }
    if (!value.isArray()) {
      problem(key, "must be a list of strings, was " + describe(value));
      return defaultValue;
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if ((item.isTextual() && !item.asText().isBlank()) || item.isIntegralNumber()) {
        items.add(item.asText().strip());
      } else {
        problems.add(pathOf(key) + "[" + i + "]: must be a non-empty string, was " + describe(item));
      }
    }
    return List.copyOf(items);
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      problem(key, "must be true or false, was " + describe(value));
      return defaultValue;
    }
    return value.booleanValue();
  }

  int intBetween(String key, int defaultValue, int min, int max) {
    return (int) longBetween(key, defaultValue, min, max);
  }

  long longBetween(String key, long defaultValue, long min, long max) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problem(key, "must be a whole number between " + min + " and " + max + ", was " + describe(value));
      return defaultValue;
    }
    long number = value.longValue();
    if (number < min || number > max) {
      problem(key, "must be between " + min + " and " + max + ", was " + number);
      return defaultValue;
    }
    return number;
  }

  double doubleBetween(String key, double defaultValue, double min, double max) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isNumber()) {
      problem(key, "must be a number between " + min + " and " + max + ", was " + describe(value));
      return defaultValue;
    }
    double number = value.doubleValue();
    if (!(number >= min && number <= max)) {
      problem(key, "must be between " + min + " and " + max + ", was " + value.asText());
      return defaultValue;
    }
    return number;
  }

  /** A duration written {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT15S}). */
  Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    Duration parsed = value.isTextual() ? Durations.parse(value.asText()).orElse(null) : null;
    if (parsed == null) {
      problem(key, "must be a duration such as " + Durations.EXAMPLES + ", was " + describe(value));
      return defaultValue;
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      problem(key, "must be between " + text(min) + " and " + text(max) + ", was " + value.asText());
      return defaultValue;
    }
    return parsed;
  }

  /** One of a fixed set of words (case-sensitive, as documented). */
  <E> E oneOf(String key, E defaultValue, Map<String, E> choices) {
    JsonNode value = value(key);
    if (value == null) {
      return defaultValue;
    }
    E choice = value.isTextual() ? choices.get(value.asText().strip()) : null;
    if (choice == null) {
      problem(key, "must be one of " + String.join(", ", new java.util.TreeSet<>(choices.keySet()))
          + ", was " + describe(value));
      return defaultValue;
    }
    return choice;
  }

  /** An absolute http(s) URL. */
  URI url(String key, URI defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        problem(key, "must be an http:// or https:// URL with a host, was \"" + text + "\"");
        return defaultValue;
      }
      if (uri.getUserInfo() != null) {
        problem(key, "must not carry credentials (user:password@); they are secrets");
        return defaultValue;
      }
      return uri;
    } catch (URISyntaxException e) {
      problem(key, "must be a URL, was \"" + text + "\"");
      return defaultValue;
    }
  }

  /**
   * Every key of this mapping that no accessor asked for is a problem: a misspelt key would otherwise be
   * silently ignored and its default used. A key that looks like a credential gets its own message.
   */
  void rejectUnknownKeys() {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String environment = SECRET_KEYS.get(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
      if (environment != null) {
        problem(name, "secrets are not accepted in a configuration file; set " + environment + " instead");
      } else if (!known.contains(name)) {
        problem(name, "unknown key" + (known.isEmpty() ? "" : " (expected one of " + String.join(", ", known) + ")"));
      }
    }
  }

  private JsonNode value(String key) {
    known.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  private static String text(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /** The value as it appeared, for messages; never called for secret keys. */
  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      String text = value.asText();
      return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.asText();
  }
}
