package io.presencestream.model;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of everything the engine knows about one extension.
 *
 * @param extensionId the extension
 * @param sequence the last applied notification sequence, or null if none was seen yet
 * @param presence the extension's presence
 * @param calls the live calls, newest first; never null
 * @param updatedAt the receive time of the last message applied
 * @param accountId the RingCentral account of the extension when the daemon serves several ({@code sources:}),
 *     else null (as {@link PresenceEvent#accountId()})
 */
public record ExtensionState(
    String extensionId, Long sequence, PresenceState presence, List<Call> calls, Instant updatedAt, String accountId) {

  /**
   * Copies {@code calls}, so that a snapshot cannot change after it was taken.
   *
   * @param extensionId the extension
   * @param sequence the last applied sequence, or null
   * @param presence the extension's presence
   * @param calls the live calls, newest first
   * @param updatedAt the receive time of the last message applied
   * @param accountId the extension's account, or null when not known
   * @throws NullPointerException if {@code calls} is null or holds a null
   */
  public ExtensionState {
    calls = List.copyOf(calls);
  }

  /**
   * A snapshot whose account is not known: what the engine takes, which knows nothing of accounts.
   *
   * @param extensionId the extension
   * @param sequence the last applied sequence, or null
   * @param presence the extension's presence
   * @param calls the live calls, newest first
   * @param updatedAt the receive time of the last message applied
   * @throws NullPointerException if {@code calls} is null or holds a null
   */
  public ExtensionState(String extensionId, Long sequence, PresenceState presence, List<Call> calls, Instant updatedAt) {
    this(extensionId, sequence, presence, calls, updatedAt, null);
  }

  /**
   * This snapshot with its account, as the pipeline of one account hands it out.
   *
   * @param account the account id, or null
   * @return a copy with {@code account}
   */
  public ExtensionState withAccountId(String account) {
    return new ExtensionState(extensionId, sequence, presence, calls, updatedAt, account);
  }
}
