package io.presencestream.daemon;

import io.presencestream.testing.PrivatePostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restart mid-day keeps today's figures, on a real PostgreSQL server started privately for this class
 * (initdb and pg_ctl in a temporary directory); each test gets a database of its own.
 */
class DaemonPostgresRestoreIT extends DaemonRestoreContract {

  @RegisterExtension static final PrivatePostgres postgres = new PrivatePostgres("restore_");
  private String name;

  @BeforeEach
  void createDatabase() {
    name = postgres.newDatabase();
  }

  @Override
  String database() {
    return "postgresql: {host: 127.0.0.1, port: " + postgres.server().port() + ", database: " + name + ", user: "
        + postgres.server().user() + ", passwordEnv: HISTORY_PW, sslMode: disable}";
  }

  @Override
  Map<String, String> environment() {
    String password = postgres.server().password();
    return Map.of("HISTORY_PW", password == null ? "" : password);
  }
}
