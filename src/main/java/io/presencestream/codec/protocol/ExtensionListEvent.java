package io.presencestream.codec.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A notification of RingCentral's Extension List event filter ({@code /restapi/v1.0/account/~/extension}):
 * an extension of the account was created, changed (its status among other things) or deleted. The body
 * names the extension and the kind of change only; what the extension is now is read over REST.
 *
 * <p>Shape, as RingCentral documents it (API guide, "Extension List Event", and the SDKs' generated
 * {@code ExtensionListEventBody}): the usual envelope {@code {uuid, event, timestamp, subscriptionId, ownerId,
 * body}} whose {@code event} is {@code /restapi/v1.0/account/{accountId}/extension} and whose body is
 * {@code {extensionId, eventType: "Create"|"Update"|"Delete", hints?: [...]}} ({@code hints} with
 * {@code Update} only, e.g. {@code ExtensionInfo}).
 *
 * @param uuid the notification's id, or null
 * @param event the event path, never null
 * @param timestamp when RingCentral sent it, or null
 * @param subscriptionId the subscription it was sent for, or null
 * @param ownerId the subscription owner's extension, or null
 * @param extensionId the extension that changed, never null
 * @param eventType the kind of change, never null
 * @param hints what changed, for an update; empty when not given
 */
public record ExtensionListEvent(
    String uuid,
    String event,
    Instant timestamp,
    String subscriptionId,
    String ownerId,
    String extensionId,
    Type eventType,
    List<String> hints)
    implements ProtocolBody {

  /** The kind of change, as RingCentral words it in {@code eventType}. */
  public enum Type {
    /** An extension was added to the account. */
    CREATE("Create"),
    /** An extension changed (status, name, numbers, …). */
    UPDATE("Update"),
    /** An extension was removed from the account. */
    DELETE("Delete");

    private final String word;

    Type(String word) {
      this.word = word;
    }

    /**
     * RingCentral's word for it.
     *
     * @return {@code Create}, {@code Update} or {@code Delete}
     */
    public String word() {
      return word;
    }

    /**
     * The type of a word, case-insensitive. Anything else (a type RingCentral may add later) is read as
     * {@link #UPDATE}: the extension is read again, which is right whatever the change was.
     *
     * @param word RingCentral's {@code eventType}, or null
     * @return the type
     */
    public static Type parse(String word) {
      if (word != null) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (Type t : values()) {
          if (t.word.toLowerCase(Locale.ROOT).equals(lower)) {
            return t;
          }
        }
      }
      return UPDATE;
    }
  }

  /**
   * Requires the event path, the extension and the type; copies the hints.
   *
   * @param uuid the notification's id, or null
   * @param event the event path
   * @param timestamp when it was sent, or null
   * @param subscriptionId the subscription, or null
   * @param ownerId the subscription owner's extension, or null
   * @param extensionId the extension that changed
   * @param eventType the kind of change
   * @param hints what changed, or null for none
   * @throws NullPointerException if {@code event}, {@code extensionId} or {@code eventType} is null
   */
  public ExtensionListEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(extensionId, "extensionId");
    Objects.requireNonNull(eventType, "eventType");
    hints = hints == null ? List.of() : List.copyOf(hints);
  }
}
