package io.presencestream.daemon;

import io.presencestream.internal.OptionalDependency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon's whole configuration, read from YAML and checked before anything starts: an unknown key or
 * an invalid value fails with a {@link ConfigException} naming the key path ({@code server.port: must be
 * between 0 and 65535, was 70000}). Credentials come only from the environment; a secret written in the
 * file is rejected.
 *
 * <pre>{@code
 * DaemonConfig config = DaemonConfig.load(Path.of("config/production.yaml"), System.getenv());
 * }</pre>
 *
 * <p>Without a file the daemon runs on {@link #loadDefault(Map)}: {@code config/default.yaml}, packaged on
 * the classpath at {@code presence-stream/config/default.yaml} — the built-in simulator, a realistic
 * office.
 *
 * @param source where presence comes from
 * @param engine the engine's limits
 * @param server the HTTP server
 * @param sinks where events go besides the SSE server
 * @param kafka the Kafka role, {@code none} without a {@code kafka} section
 * @param contactCentre the contact-centre view (agents, queues, alerts)
 * @param accounts the entries of {@code sources:} (several accounts, each event stamped with its
 *     {@code accountId}); empty for the classic {@code source:} (one account, no {@code accountId})
 */
public record DaemonConfig(
    SourceConfig source, EngineConfig engine, ServerConfig server, SinksConfig sinks, KafkaConfig kafka,
    ContactCentreConfig contactCentre, List<AccountSource> accounts) {

  /** Where the build copies {@code config/default.yaml} on the classpath. */
  static final String DEFAULT_RESOURCE = "presence-stream/config/default.yaml";

  /**
   * Requires every section; {@link #parse} fills absent ones with their defaults.
   *
   * @param source where presence comes from
   * @param engine the engine's limits
   * @param server the HTTP server
   * @param sinks the sinks
   * @param kafka the Kafka role
   * @param contactCentre the contact-centre view
   * @param accounts the entries of {@code sources:}, or none; with entries, {@code source} is the first one's
   * @throws NullPointerException if a section is null
   * @throws IllegalArgumentException if {@code source} is not the first entry's
   */
  public DaemonConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(sinks, "sinks");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(contactCentre, "contactCentre");
    accounts = List.copyOf(accounts);
    if (!accounts.isEmpty() && !accounts.get(0).source().equals(source)) {
      throw new IllegalArgumentException("source must be the first of the accounts");
    }
  }

  /**
   * One account, the classic way ({@code source:}).
   *
   * @param source where presence comes from
   * @param engine the engine's limits
   * @param server the HTTP server
   * @param sinks the sinks
   * @param kafka the Kafka role
   * @param contactCentre the contact-centre view
   */
  public DaemonConfig(
      SourceConfig source, EngineConfig engine, ServerConfig server, SinksConfig sinks, KafkaConfig kafka,
      ContactCentreConfig contactCentre) {
    this(source, engine, server, sinks, kafka, contactCentre, List.of());
  }

  /**
   * The accounts this daemon serves, each with its name: the {@code sources:} entries, or the one {@code source:}
   * named {@code default}.
   *
   * @return one entry at least
   */
  public List<AccountSource> sources() {
    return accounts.isEmpty() ? List.of(new AccountSource("default", source)) : accounts;
  }

  /** {@return whether the accounts were given as {@code sources:}: then events and states carry {@code accountId}} */
  public boolean stampsAccounts() {
    return !accounts.isEmpty();
  }

  /**
   * Without the contact-centre view.
   *
   * @param source where presence comes from
   * @param engine the engine's limits
   * @param server the HTTP server
   * @param sinks the sinks
   * @param kafka the Kafka role
   */
  public DaemonConfig(SourceConfig source, EngineConfig engine, ServerConfig server, SinksConfig sinks, KafkaConfig kafka) {
    this(source, engine, server, sinks, kafka, ContactCentreConfig.disabled(), List.of());
  }

  /**
   * Reads and validates a YAML file.
   *
   * @param file the YAML file, UTF-8
   * @param env the environment credentials and the server token are read from (normally {@code System.getenv()})
   * @return the configuration, every absent key at its default
   * @throws ConfigException if the file is missing, unreadable or invalid
   * @throws IllegalStateException if the YAML module (an optional dependency) is missing
   */
  public static DaemonConfig load(Path file, Map<String, String> env) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of("(file): no such file"));
    } catch (CharacterCodingException e) {
      // The JDK's own message ("Input length = 1") tells the user nothing.
      throw new ConfigException(file.toString(), List.of("(file): not UTF-8 text (is it a YAML file?)"));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("(file): cannot be read: " + e.getMessage()));
    }
    return parse(yaml, file.toString(), env);
  }

  /**
   * The embedded default configuration: the built-in simulator.
   *
   * @param env the environment the server token is read from
   * @return the configuration
   * @throws ConfigException if the environment makes it invalid (e.g. an unusable token)
   * @throws IllegalStateException if the YAML module (an optional dependency) is missing
   */
  public static DaemonConfig loadDefault(Map<String, String> env) {
    return parse(defaultYaml(), "classpath:" + DEFAULT_RESOURCE, env);
  }

  /**
   * Reads and validates YAML text.
   *
   * @param yaml the configuration
   * @param origin where the text came from, for the error message
   * @param env the environment credentials and the server token are read from
   * @return the configuration, every absent key at its default
   * @throws ConfigException listing every problem by key path
   * @throws IllegalStateException if the YAML module (an optional dependency) is missing
   */
  public static DaemonConfig parse(String yaml, String origin, Map<String, String> env) {
    OptionalDependency.requireYaml();
    return ConfigLoader.parse(yaml, origin, Map.copyOf(env));
  }

  /** The text of the embedded default configuration. */
  static String defaultYaml() {
    try (InputStream in = DaemonConfig.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath (see pom.xml <resources>)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This configuration with another server section, for the command line's overrides.
   *
   * @param newServer the server section to use
   * @return a copy with {@code newServer}; this record stays as it is
   */
  public DaemonConfig withServer(ServerConfig newServer) {
    return new DaemonConfig(source, engine, newServer, sinks, kafka, contactCentre, accounts);
  }
}
