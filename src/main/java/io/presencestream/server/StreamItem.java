package io.presencestream.server;

import io.presencestream.model.EventKind;
import java.util.Objects;

/** What an {@link EventHub} subscriber receives: events, and notices of events it missed. */
public sealed interface StreamItem {

  /**
   * An event with its hub-wide id (monotonic: later events have larger ids; ids survive a restart of the
   * daemon as long as the clock does not go back) and its JSON in presence-stream's event schema.
   *
   * @param id the event's id, the SSE {@code id:} field
   * @param kind the event's kind, the SSE {@code event:} field
   * @param extensionId the event's extension, for filtering without decoding
   * @param json the event in presence-stream's schema, the SSE {@code data:} field
   * @param accountId the event's account, for filtering without decoding; null when not known
   */
  record Event(long id, EventKind kind, String extensionId, String json, String accountId) implements StreamItem {
    /**
     * Requires every part.
     *
     * @param id the event's id
     * @param kind the event's kind
     * @param extensionId the event's extension
     * @param json the encoded event
     * @param accountId the event's account, or null
     * @throws NullPointerException if a part but the account is null
     */
    public Event {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(json, "json");
    }

    /**
     * An event whose account is not known.
     *
     * @param id the event's id
     * @param kind the event's kind
     * @param extensionId the event's extension
     * @param json the encoded event
     * @throws NullPointerException if a part is null
     */
    public Event(long id, EventKind kind, String extensionId, String json) {
      this(id, kind, extensionId, json, null);
    }
  }

  /**
   * Events between {@code fromId} and {@code toId} (inclusive) were not delivered to this subscriber. A
   * client should re-read {@code /api/state} to be exact again.
   *
   * @param fromId the first id not delivered
   * @param toId the last id not delivered
   * @param missed how many events were skipped: for {@link GapReason#OVERFLOW} exactly the events this
   *     client's filter matched; for {@link GapReason#HISTORY} every id in the range (the filter cannot be
   *     applied to events no longer kept)
   * @param reason why they were not delivered
   */
  record Gap(long fromId, long toId, long missed, GapReason reason) implements StreamItem {
    /**
     * Requires a reason.
     *
     * @param fromId the first id not delivered
     * @param toId the last id not delivered
     * @param missed how many events were skipped
     * @param reason why
     * @throws NullPointerException if {@code reason} is null
     */
    public Gap {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Why a {@link Gap} happened. */
  enum GapReason {
    /** The client read too slowly and its buffer overflowed ({@link OverflowPolicy#DROP_OLDEST}). */
    OVERFLOW("overflow"),
    /** The client resumed from an id older than the history kept. */
    HISTORY("history"),
    /**
     * The client resumed from an id given before this hub was created (a previous run of the daemon):
     * whatever happened after it in that run is unknown; {@code missed} counts only this run's events no
     * longer in history.
     */
    RESTART("restart"),
    /**
     * The extensions behind this stream changed: a Kafka processor gained partitions (the events of
     * their extensions now come here). No event of this stream was skipped ({@code missed} 0,
     * {@code fromId} = {@code toId} = the last id before the change); re-read {@code /api/state}.
     */
    PARTITIONS_ASSIGNED("partitions-assigned"),
    /** As {@link #PARTITIONS_ASSIGNED}, for partitions handed over to another processor. */
    PARTITIONS_REVOKED("partitions-revoked"),
    /**
     * As {@link #PARTITIONS_ASSIGNED}, for partitions taken away without a hand-over (the processor was
     * out of its group): their extensions' events now come from another processor.
     */
    PARTITIONS_LOST("partitions-lost");

    private final String label;

    GapReason(String label) {
      this.label = label;
    }

    /** {@return the word used in the SSE {@code gap} frame, e.g. {@code overflow}} */
    public String label() {
      return label;
    }
  }
}
