package io.presencestream.model;

import java.time.Duration;
import java.time.Instant;

/**
 * What the engine emits: a change in an extension's presence or in one of its calls (from the presence
 * feed), or in one of its telephony sessions ({@link SessionEvent}, from the telephony-session feed).
 * Events are immutable; {@code at} is the receive time of the message that caused the event (for a
 * session event, the platform's {@code eventTime}). The contact-centre view's derived events
 * ({@link ContactCentreEvent}) share this envelope.
 */
public sealed interface PresenceEvent permits PresenceEvent.PresenceChanged, PresenceEvent.CallEvent, SessionEvent,
    ContactCentreEvent {

  /**
   * The extension the event is about.
   *
   * @return the extension id, never null
   */
  String extensionId();

  /**
   * When the message that caused this event was received (not a clock read by the engine).
   *
   * @return the receive time
   */
  Instant at();

  /**
   * The kind of event, as used in filters and in presence-stream's JSON.
   *
   * @return the kind matching this event's type ({@code presence}, {@code call.new}, …)
   */
  EventKind kind();

  /**
   * The RingCentral account the event's extension belongs to: set when the daemon serves several accounts
   * ({@code sources:}), where extension ids alone do not say which account's feed an event came from; null
   * when one account is served the classic way ({@code source:}) or for events read from an older writer.
   *
   * @return the account id, or null when not known
   */
  default String accountId() {
    return null;
  }

  /**
   * This event with its account: the pipeline of one account stamps its events on their way out of the
   * engine, so that the engine itself stays unaware of accounts.
   *
   * @param accountId the account id, or null to leave it unknown
   * @return a copy with {@code accountId}; this event stays as it is (an event type without the field
   *     returns itself)
   */
  default PresenceEvent withAccountId(String accountId) {
    return this;
  }

  /**
   * The derived presence status or one of its raw fields changed.
   *
   * @param extensionId the extension
   * @param at the receive time of the message that caused it
   * @param presence the presence now
   * @param previous the presence before, or null for the extension's first state
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record PresenceChanged(String extensionId, Instant at, PresenceState presence, PresenceState previous, String accountId)
      implements PresenceEvent {

    /**
     * A presence change whose account is not known.
     *
     * @param extensionId the extension
     * @param at the receive time of the message that caused it
     * @param presence the presence now
     * @param previous the presence before, or null
     */
    public PresenceChanged(String extensionId, Instant at, PresenceState presence, PresenceState previous) {
      this(extensionId, at, presence, previous, null);
    }

    @Override
    public PresenceChanged withAccountId(String account) {
      return new PresenceChanged(extensionId, at, presence, previous, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.PRESENCE;
    }
  }

  /** An event about one call; {@code call} is the call as it is after the event (or as last seen, when ended). */
  sealed interface CallEvent extends PresenceEvent {
    /**
     * The call the event is about.
     *
     * @return the call after the event, or as last seen when it ended
     */
    Call call();
  }

  /**
   * A call not seen before.
   *
   * @param extensionId the extension
   * @param at the receive time of the message that listed it first
   * @param call the call as first seen
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record CallStarted(String extensionId, Instant at, Call call, String accountId) implements CallEvent {

    /**
     * An event whose account is not known.
     *
     * @param extensionId the extension
     * @param at the receive time of the message that listed it first
     * @param call the call as first seen
     */
    public CallStarted(String extensionId, Instant at, Call call) {
      this(extensionId, at, call, null);
    }

    @Override
    public CallStarted withAccountId(String account) {
      return new CallStarted(extensionId, at, call, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.CALL_NEW;
    }
  }

  /**
   * A new call that is ringing (emitted right after its {@link CallStarted}).
   *
   * @param extensionId the extension
   * @param at the receive time of the message that listed it first
   * @param call the call as first seen
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record CallRinging(String extensionId, Instant at, Call call, String accountId) implements CallEvent {

    /**
     * An event whose account is not known.
     *
     * @param extensionId the extension
     * @param at the receive time of the message that listed it first
     * @param call the call as first seen
     */
    public CallRinging(String extensionId, Instant at, Call call) {
      this(extensionId, at, call, null);
    }

    @Override
    public CallRinging withAccountId(String account) {
      return new CallRinging(extensionId, at, call, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.CALL_RINGING;
    }
  }

  /**
   * A known call whose status or {@code from} number changed.
   *
   * @param extensionId the extension
   * @param at the receive time of the message that carried the change
   * @param call the call after the change
   * @param previousStatus the call's status before the change
   * @param transition what kind of change it was
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record CallUpdated(
      String extensionId, Instant at, Call call, TelephonyStatus previousStatus, CallTransition transition,
      String accountId)
      implements CallEvent {

    /**
     * A change whose account is not known.
     *
     * @param extensionId the extension
     * @param at the receive time of the message that carried the change
     * @param call the call after the change
     * @param previousStatus the call's status before the change
     * @param transition what kind of change it was
     */
    public CallUpdated(
        String extensionId, Instant at, Call call, TelephonyStatus previousStatus, CallTransition transition) {
      this(extensionId, at, call, previousStatus, transition, null);
    }

    @Override
    public CallUpdated withAccountId(String account) {
      return new CallUpdated(extensionId, at, call, previousStatus, transition, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.CALL_UPDATED;
    }
  }

  /**
   * A call that left the list of live calls, with its last known state and how long it lasted.
   *
   * @param extensionId the extension
   * @param at the receive time of the message that no longer listed it (or listed it as ended)
   * @param call the call as last seen
   * @param duration from the call's start time to {@code at}, never negative
   * @param reason why it ended, or null when not known (e.g. read from an older writer)
   * @param mergedInto for {@link EndReason#MERGED}, the id of the RingOut call this leg is now part of
   *     (that call's {@code inboundLeg} names this leg); else null
   * @param accountId the account, or null when not known (see {@link PresenceEvent#accountId()})
   */
  record CallEnded(
      String extensionId, Instant at, Call call, Duration duration, EndReason reason, String mergedInto,
      String accountId)
      implements CallEvent {

    /**
     * An ended call whose reason is not known, as read from an older writer.
     *
     * @param extensionId the extension
     * @param at when the call ended
     * @param call the call as last seen
     * @param duration how long it lasted
     */
    public CallEnded(String extensionId, Instant at, Call call, Duration duration) {
      this(extensionId, at, call, duration, null, null, null);
    }

    /**
     * An ended call whose account is not known.
     *
     * @param extensionId the extension
     * @param at when the call ended
     * @param call the call as last seen
     * @param duration how long it lasted
     * @param reason why it ended, or null
     * @param mergedInto the RingOut call this leg is now part of, or null
     */
    public CallEnded(String extensionId, Instant at, Call call, Duration duration, EndReason reason, String mergedInto) {
      this(extensionId, at, call, duration, reason, mergedInto, null);
    }

    @Override
    public CallEnded withAccountId(String account) {
      return new CallEnded(extensionId, at, call, duration, reason, mergedInto, account);
    }

    @Override
    public EventKind kind() {
      return EventKind.CALL_ENDED;
    }
  }
}
