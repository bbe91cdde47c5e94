package io.presencestream.simulator;

import io.presencestream.model.DndStatus;
import io.presencestream.model.MeetingStatus;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.UserStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One user extension of the simulated office: who it is, its raw presence and calls as the server
 * holds them, and where its sequence numbers stand.
 */
final class SimExtension {
  final int index;
  final String id;
  final String number;
  final String name;
  final OfficeModel.Contact directNumber;
  UserStatus userStatus = UserStatus.AVAILABLE;
  DndStatus dndStatus = DndStatus.TAKE_ALL_CALLS;
  MeetingStatus meetingStatus = MeetingStatus.DISCONNECTED;
  String message;
  long sequence;
  Long lastSentSequence;
  Instant updatedAt;
  boolean busyWithScenario;
  /** Disabled or deleted while running: no longer notified, out of the truth (a scenario may still hold it). */
  boolean removed;
  final List<SimCall> calls = new ArrayList<>();
  /** The last bodies sent, newest last, for the stale-replay fault. */
  final List<PresenceUpdate> recent = new ArrayList<>(3);

  SimExtension(int index, String id, String number, String name, OfficeModel.Contact directNumber) {
    this.index = index;
    this.id = id;
    this.number = number;
    this.name = name;
    this.directNumber = directNumber;
  }

  /** The presence status the server derives: busy on any live call, when busy or on DND. */
  UserStatus presenceStatus() {
    if (userStatus == UserStatus.OFFLINE) {
      return UserStatus.OFFLINE;
    }
    boolean onCall = calls.stream().anyMatch(c -> !c.ended() && !c.intermediate());
    if (onCall || userStatus == UserStatus.BUSY || dndStatus == DndStatus.DO_NOT_ACCEPT_ANY_CALLS) {
      return UserStatus.BUSY;
    }
    return UserStatus.AVAILABLE;
  }

  /** The telephony status the server derives: the most pressing state of any live call. */
  TelephonyStatus telephonyStatus() {
    TelephonyStatus best = TelephonyStatus.NO_CALL;
    for (SimCall c : calls) {
      if (c.ended() || c.intermediate()) {
        continue;
      }
      if (rank(c.status) > rank(best)) {
        best = c.status;
      }
    }
    return best;
  }

  private static int rank(TelephonyStatus s) {
    return switch (s) {
      case RINGING -> 5;
      case CALL_CONNECTED -> 4;
      case ON_HOLD -> 3;
      case PARKED_CALL -> 2;
      default -> 1;
    };
  }
}
