package io.presencestream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for a test: {@code initdb} in a temporary directory, {@code pg_ctl start} on a
 * free loopback port with password (SCRAM) authentication, {@code pg_ctl stop} and the directory deleted on
 * {@link #close()}. Debian's server programs are found in {@code /usr/lib/postgresql/<version>/bin} (or
 * {@code PRESENCE_PG_BIN}); where they are missing the test is skipped with a message, unless CI asked for
 * them ({@link ExternalTools#required()}): {@code .ci/run} installs Debian's {@code postgresql}.
 *
 * <p>PostgreSQL refuses to run as root. Run as root (CI, this machine), the server's programs run as the
 * unprivileged user {@code nobody} through {@code runuser}, and the directory is handed to that user.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *   String db = pg.createDatabase("history");
 *   ... connect to 127.0.0.1:pg.port() as pg.user() with pg.password() ...
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

  private static final String USER = "presence";
  private static final String RUN_AS = "nobody";

  private final Path bin;
  private final Path directory;
  private final Path data;
  private final int port;
  private final String password;
  private final boolean root;
  private boolean running;

  private PostgresServer(Path bin, Path directory, int port, String password, boolean root) {
    this.bin = bin;
    this.directory = directory;
    this.data = directory.resolve("data");
    this.port = port;
    this.password = password;
    this.root = root;
  }

  /** The directory of {@code initdb} and {@code pg_ctl}, if PostgreSQL's server programs are installed. */
  public static Optional<Path> binaries() {
    String configured = System.getenv("PRESENCE_PG_BIN");
    if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
      return Optional.of(Path.of(configured));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> newest = versions
            .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
            .max(Comparator.comparingInt(PostgresServer::version))
            .map(v -> v.resolve("bin"));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        // fall through to the PATH
      }
    }
    return ExternalTools.find("initdb").filter(p -> Files.isExecutable(p.resolveSibling("pg_ctl"))).map(Path::getParent);
  }

  private static int version(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Creates and starts a server, or skips the calling test when PostgreSQL is not installed (fails instead
   * when CI requires external tools).
   *
   * @return the running server
   */
  public static PostgresServer start() {
    Optional<Path> bin = binaries();
    ExternalTools.requireThat(bin.isPresent(), "PostgreSQL's server programs (initdb, pg_ctl: Debian package postgresql)"
        + " are not installed, needed to test the history on a real PostgreSQL; .ci/run installs them");
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      Path directory = Files.createTempDirectory("presence-pg-");
      String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      Path passwordFile = directory.resolve("password");
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
      if (root) {
        UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
        Files.setOwner(directory, nobody);
        Files.setOwner(passwordFile, nobody);
      }
      PostgresServer server = new PostgresServer(bin.get(), directory, freePort(), password, root);
      server.run(List.of(bin.get().resolve("initdb").toString(), "-D", server.data.toString(), "-U", USER,
          "--pwfile=" + passwordFile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"), 120);
      Files.delete(passwordFile);
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts the server again after {@link #stopServer()}, on the same port and data. */
  public void startServer() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", directory.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off",
        "-w", "-t", "60", "start"), 90);
    running = true;
  }

  /** Stops the server (fast shutdown: sessions are disconnected), keeping its data. */
  public void stopServer() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
    running = false;
  }

  /**
   * Creates a database owned by {@link #user()}.
   *
   * @param name a plain lowercase name
   * @return the name
   */
  public String createDatabase(String name) {
    Path createdb = bin.resolve("createdb");
    ProcessBuilder builder = new ProcessBuilder(createdb.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-U", USER, name);
    builder.environment().put("PGPASSWORD", password);
    exec(builder, 60);
    return name;
  }

  /** {@return the loopback port it listens on} */
  public int port() {
    return port;
  }

  /** {@return the superuser it was created with} */
  public String user() {
    return USER;
  }

  /** {@return that user's password, random per server} */
  public String password() {
    return password;
  }

  /** {@return the server's log, for a failing test's message} */
  public String log() {
    try {
      Path log = directory.resolve("server.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read the server log: " + e + ")";
    }
  }

  private void run(List<String> command, int timeoutSeconds) {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(directory.toFile());
    Map<String, String> env = builder.environment();
    env.put("LC_ALL", "C");
    exec(builder, timeoutSeconds);
  }

  private static void exec(ProcessBuilder builder, int timeoutSeconds) {
    try {
      Process process = builder.redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", builder.command()) + " did not finish in " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", builder.command()) + " failed (exit " + process.exitValue()
            + "): " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public void close() {
    try {
      if (running) {
        stopServer();
      }
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory: the system cleans it eventually
      }
    }
  }
}
