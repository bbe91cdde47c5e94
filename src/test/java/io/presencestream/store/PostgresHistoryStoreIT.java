package io.presencestream.store;

import io.presencestream.testing.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The history store's promises on a real PostgreSQL server, started privately for this class (initdb and
 * pg_ctl in a temporary directory); each test gets a database of its own.
 */
class PostgresHistoryStoreIT extends ContactCentreHistoryContract {

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
    name = server.createDatabase("history_" + databases.incrementAndGet());
  }

  @Override
  HistoryDatabase database() {
    return HistoryDatabase.postgresql("127.0.0.1", server.port(), name, server.user(), server.password(),
        HistoryDatabase.SslMode.DISABLE);
  }
}
