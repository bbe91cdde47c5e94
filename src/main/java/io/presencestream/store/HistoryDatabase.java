package io.presencestream.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Which database the history lives in: the embedded H2 in a file (no server: the default) or a PostgreSQL
 * server (production). Both are reached through R2DBC for every read and write, and through JDBC once at
 * start, for the schema migrations.
 *
 * <pre>{@code
 * HistoryDatabase local = HistoryDatabase.h2(Path.of("history/presence"));
 * HistoryDatabase server = HistoryDatabase.postgresql("db.example.org", 5432, "presence", "presence",
 *     System.getenv("PRESENCE_DB_PASSWORD"), HistoryDatabase.SslMode.REQUIRE);
 * }</pre>
 */
public sealed interface HistoryDatabase {

  /**
   * The embedded H2 database in a file.
   *
   * @param file the database's path without H2's {@code .mv.db} suffix, e.g. {@code history/presence}
   * @return the database
   */
  static HistoryDatabase h2(Path file) {
    return new H2(file);
  }

  /**
   * A PostgreSQL server.
   *
   * @param host the server's host name or address
   * @param port its port, normally 5432
   * @param database the database name
   * @param user the role to log in as
   * @param password its password, or null for none (e.g. trust or peer authentication)
   * @param sslMode whether and how to use TLS
   * @return the database
   */
  static HistoryDatabase postgresql(
      String host, int port, String database, String user, String password, SslMode sslMode) {
    return new PostgreSql(host, port, database, user, password, sslMode);
  }

  /** {@return a description for logs: the file, or the server and database; never a password} */
  String describe();

  /** Whether and how a PostgreSQL connection uses TLS, as PostgreSQL's {@code sslmode} says. */
  enum SslMode {
    /** Never. */
    DISABLE,
    /** Without TLS, unless the server requires it. */
    ALLOW,
    /** With TLS when the server offers it (PostgreSQL's default). */
    PREFER,
    /** Always, without checking the server's certificate. */
    REQUIRE,
    /** Always, with a certificate signed by a trusted authority. */
    VERIFY_CA,
    /** Always, with a trusted certificate whose name is the host's. */
    VERIFY_FULL;

    /** {@return the word PostgreSQL uses, e.g. {@code verify-full}} */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * The embedded H2 database, in file mode.
   *
   * @param file the database's path without the {@code .mv.db} suffix
   */
  record H2(Path file) implements HistoryDatabase {
    /**
     * Requires the file.
     *
     * @param file the database's path without the {@code .mv.db} suffix
     * @throws NullPointerException if {@code file} is null
     */
    public H2 {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return "H2 database file " + file.toAbsolutePath().normalize() + ".mv.db";
    }
  }

  /**
   * A PostgreSQL server. {@link #toString()} hides the password.
   *
   * @param host the server's host
   * @param port its port
   * @param database the database name
   * @param user the role to log in as
   * @param password the role's password, or null
   * @param sslMode whether and how to use TLS
   */
  record PostgreSql(String host, int port, String database, String user, String password, SslMode sslMode)
      implements HistoryDatabase {
    /**
     * Validates the address.
     *
     * @param host the server's host
     * @param port its port, 1 to 65535
     * @param database the database name
     * @param user the role
     * @param password the password, or null
     * @param sslMode the TLS mode
     * @throws NullPointerException if {@code host}, {@code database}, {@code user} or {@code sslMode} is null
     * @throws IllegalArgumentException for a port out of range
     */
    public PostgreSql {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(sslMode, "sslMode");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
      }
    }

    @Override
    public String describe() {
      return "PostgreSQL " + user + "@" + host + ":" + port + "/" + database + " (sslmode " + sslMode.label() + ")";
    }

    /**
     * Shows everything but the password.
     *
     * @return the options, the password as {@code ***}
     */
    @Override
    public String toString() {
      return "PostgreSql[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
          + ", password=" + (password == null ? "none" : "***") + ", sslMode=" + sslMode + "]";
    }
  }
}
