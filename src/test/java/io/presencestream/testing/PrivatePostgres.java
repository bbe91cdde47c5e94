package io.presencestream.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One private PostgreSQL server per test class ({@link PostgresServer#start()}: skipped without PostgreSQL's
 * programs), stopped after the class, and a fresh database per call of {@link #newDatabase()}.
 *
 * <pre>{@code
 * @RegisterExtension static final PrivatePostgres postgres = new PrivatePostgres("history_");
 * @BeforeEach void createDatabase() { name = postgres.newDatabase(); }
 * }</pre>
 */
public final class PrivatePostgres implements BeforeAllCallback, AfterAllCallback {

  private final String prefix;
  private final AtomicInteger databases = new AtomicInteger();
  private PostgresServer server;

  /** @param prefix the databases' names start with it, a counter follows */
  public PrivatePostgres(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = PostgresServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  /** {@return the running server} */
  public PostgresServer server() {
    return server;
  }

  /** {@return the name of a new, empty database on the server} */
  public String newDatabase() {
    return server.createDatabase(prefix + databases.incrementAndGet());
  }
}
