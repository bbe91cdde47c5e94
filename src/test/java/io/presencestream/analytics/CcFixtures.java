package io.presencestream.analytics;

import io.presencestream.ContactCentreOptions;
import io.presencestream.model.Availability;
import io.presencestream.model.Call;
import io.presencestream.model.CallQueue;
import io.presencestream.model.CallTransition;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.Direction;
import io.presencestream.model.Directory;
import io.presencestream.model.DndStatus;
import io.presencestream.model.EndReason;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceState;
import io.presencestream.model.QueueMember;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Readable inputs for the contact-centre rules: presence, calls, directories, at instants after {@link #T0}. */
final class CcFixtures {

  static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** The default options in UTC, with the documented defaults for everything else. */
  static final ContactCentreOptions UTC = ContactCentreOptions.defaults().withTimeZone(ZoneOffset.UTC);

  private CcFixtures() {}

  static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  // ---------------------------------------------------------------- presence

  static PresenceState available() {
    return new PresenceState(Availability.AVAILABLE, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
        UserStatus.AVAILABLE, TelephonyStatus.NO_CALL, MeetingStatus.DISCONNECTED, null);
  }

  static PresenceState with(DndStatus dnd) {
    PresenceState a = available();
    return new PresenceState(a.status(), a.userStatus(), dnd, a.presenceStatus(), a.telephonyStatus(), a.meetingStatus(),
        null);
  }

  static PresenceState presence(UserStatus user, DndStatus dnd, UserStatus presenceStatus, MeetingStatus meeting) {
    return new PresenceState(Availability.AVAILABLE, user, dnd, presenceStatus, TelephonyStatus.NO_CALL, meeting, null);
  }

  static PresenceEvent.PresenceChanged presence(String ext, double seconds, PresenceState p) {
    return new PresenceEvent.PresenceChanged(ext, at(seconds), p, null);
  }

  // ---------------------------------------------------------------- calls

  /** An inbound call of session {@code session} at an agent, ringing, a queue call dialled to {@code to}. */
  static Call queueCall(String id, String session, String to, TelephonyStatus status) {
    return new Call(id, "ps-" + session, session, "p-" + id, Direction.INBOUND, "+16505550123", "Caller", to, null,
        status, T0, Duration.ZERO, true, null, null, null, null);
  }

  static Call directCall(String id, String session, Direction direction, TelephonyStatus status) {
    return new Call(id, "ps-" + session, session, "p-" + id, direction, "+16505550123", "Caller", "101", null, status, T0,
        Duration.ZERO, false, null, null, null, null);
  }

  static Call withStatus(Call c, TelephonyStatus s) {
    return new Call(c.id(), c.sessionId(), c.telephonySessionId(), c.partyId(), c.direction(), c.from(), c.fromName(),
        c.to(), c.toName(), s, c.startTime(), c.clockOffset(), c.queueCall(), c.sipData(), c.inboundLeg(),
        c.outboundLeg(), c.webRtcSessionId(), c.party());
  }

  static PresenceEvent.CallStarted started(String ext, double seconds, Call c) {
    return new PresenceEvent.CallStarted(ext, at(seconds), c);
  }

  static PresenceEvent.CallUpdated updated(String ext, double seconds, Call c, TelephonyStatus to) {
    return new PresenceEvent.CallUpdated(ext, at(seconds), withStatus(c, to), c.telephonyStatus(), CallTransition.OTHER);
  }

  static PresenceEvent.CallEnded ended(String ext, double seconds, Call c) {
    return new PresenceEvent.CallEnded(ext, at(seconds), c, Duration.ZERO, EndReason.HANGUP, null);
  }

  // ---------------------------------------------------------------- directory

  static ExtensionInfo user(String id, String name) {
    return new ExtensionInfo(id, id, name, "Sales");
  }

  static QueueMember member(String ext) {
    return new QueueMember(ext, true, true);
  }

  static QueueMember member(String ext, boolean acceptsCurrent) {
    return new QueueMember(ext, acceptsCurrent, acceptsCurrent);
  }

  static CallQueue queue(String id, String number, String name, QueueMember... members) {
    return new CallQueue(id, number, name, List.of(members));
  }

  static Directory directory(double seconds, List<ExtensionInfo> users, CallQueue... queues) {
    return new Directory(at(seconds), users, List.of(queues));
  }

  /** Users 101, 102, 103 and the Sales Queue (2001, number 2001) with all three as members. */
  static Directory salesDirectory(double seconds) {
    return directory(seconds, List.of(user("101", "Alice"), user("102", "Bob"), user("103", "Carol")),
        queue("2001", "2001", "Sales Queue", member("101"), member("102"), member("103")));
  }

  // ---------------------------------------------------------------- results

  static <T extends ContactCentreEvent> List<T> only(List<ContactCentreEvent> events, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (ContactCentreEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** Runs inputs through a view, collecting every event. */
  static final class Run {
    final ContactCentreView view;
    final List<ContactCentreEvent> events = new ArrayList<>();
    final List<String> invalid = new ArrayList<>();

    Run(ContactCentreOptions options) {
      view = new ContactCentreView(options, invalid::add);
    }

    List<ContactCentreEvent> event(PresenceEvent e) {
      List<ContactCentreEvent> out = view.event(e);
      events.addAll(out);
      return out;
    }

    List<ContactCentreEvent> directory(Directory d) {
      List<ContactCentreEvent> out = view.directory(d);
      events.addAll(out);
      return out;
    }

    List<ContactCentreEvent> tick(double seconds) {
      return tick(at(seconds));
    }

    List<ContactCentreEvent> tick(Instant now) {
      List<ContactCentreEvent> out = view.tick(now);
      events.addAll(out);
      return out;
    }
  }
}
