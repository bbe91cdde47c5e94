package io.presencestream.daemon;

import io.presencestream.testing.PostgresServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A restart mid-day keeps today's figures, on a real PostgreSQL server started privately for this class
 * (initdb and pg_ctl in a temporary directory); each test gets a database of its own.
 */
class DaemonPostgresRestoreIT extends DaemonRestoreContract {

  private static PostgresServer server;
  private static final AtomicInteger databases = new AtomicInteger();
  private String name;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void createDatabase() {
    name = server.createDatabase("restore_" + databases.incrementAndGet());
  }

  @Override
  String database() {
    return "postgresql: {host: 127.0.0.1, port: " + server.port() + ", database: " + name + ", user: " + server.user()
        + ", passwordEnv: HISTORY_PW, sslMode: disable}";
  }

  @Override
  Map<String, String> environment() {
    return Map.of("HISTORY_PW", server.password() == null ? "" : server.password());
  }
}
