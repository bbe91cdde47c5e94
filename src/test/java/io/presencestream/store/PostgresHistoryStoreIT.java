package io.presencestream.store;

import io.presencestream.testing.PrivatePostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history store's promises on a real PostgreSQL server, started privately for this class (initdb and
 * pg_ctl in a temporary directory); each test gets a database of its own.
 */
class PostgresHistoryStoreIT extends ContactCentreHistoryContract {

  @RegisterExtension static final PrivatePostgres postgres = new PrivatePostgres("history_");
  private String name;

  @BeforeEach
  void createDatabase() {
    name = postgres.newDatabase();
  }

  @Override
  HistoryDatabase database() {
    return HistoryDatabase.postgresql("127.0.0.1", postgres.server().port(), name, postgres.server().user(),
        postgres.server().password(), HistoryDatabase.SslMode.DISABLE);
  }
}
