package io.presencestream.server;

import io.presencestream.model.ExtensionInfo;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The accounts a server serves, each with its share of the states, sessions and directory, for the
 * {@code ?account=} parameter of {@code /events}, {@code /api/state}, {@code /api/sessions} and
 * {@code /api/extensions}. Reads only: asking changes nothing and never waits.
 *
 * <pre>{@code
 * PresenceHttpServer.builder(options).accounts(AccountProvider.of(List::of, id -> Optional.empty()));
 * }</pre>
 */
public interface AccountProvider {

  /** {@return the ids of the accounts served now, in configuration order; empty when accounts are not told apart} */
  List<String> accountIds();

  /**
   * One account's share of what the server serves.
   *
   * @param accountId an account id
   * @return its view, or empty for an account not served
   */
  Optional<View> account(String accountId);

  /**
   * What one account holds.
   *
   * @param states the account's extensions' states
   * @param sessions the account's extensions' live telephony sessions
   * @param directory the account's directory
   */
  record View(StateProvider states, SessionProvider sessions, Supplier<? extends Collection<ExtensionInfo>> directory) {
    /**
     * Requires every part.
     *
     * @param states the states
     * @param sessions the sessions
     * @param directory the directory
     * @throws NullPointerException if a part is null
     */
    public View {
      Objects.requireNonNull(states, "states");
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(directory, "directory");
    }
  }

  /**
   * A provider from two functions.
   *
   * @param ids the account ids served now
   * @param view one account's view, empty when not served
   * @return the provider
   */
  static AccountProvider of(Supplier<List<String>> ids, java.util.function.Function<String, Optional<View>> view) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(view, "view");
    return new AccountProvider() {
      @Override
      public List<String> accountIds() {
        return ids.get();
      }

      @Override
      public Optional<View> account(String accountId) {
        return view.apply(accountId);
      }
    };
  }

  /** {@return a provider of no account: every {@code ?account=} is unknown} */
  static AccountProvider none() {
    return of(List::of, id -> Optional.empty());
  }
}
