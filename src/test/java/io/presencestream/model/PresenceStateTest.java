package io.presencestream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PresenceState writes out equals/hashCode for speed: they must stay the component-wise ones. */
class PresenceStateTest {

  private static final PresenceState BASE = new PresenceState(Availability.BUSY, UserStatus.BUSY,
      DndStatus.TAKE_ALL_CALLS, UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, "lunch");

  @Test
  void statesWithEqualComponentsAreEqualAndHashAlike() {
    PresenceState same = new PresenceState(Availability.BUSY, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, new String("lunch"));

    assertThat(same).isEqualTo(BASE);
    assertThat(same.hashCode()).isEqualTo(BASE.hashCode());
  }

  @Test
  void statesDifferingInAnyOneComponentAreNotEqual() {
    List<PresenceState> variants = new ArrayList<>();
    variants.add(new PresenceState(Availability.DO_NOT_DISTURB, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.AVAILABLE, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.BUSY, null,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.OFFLINE, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.ON_HOLD, MeetingStatus.DISCONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.CONNECTED, "lunch"));
    variants.add(new PresenceState(Availability.BUSY, UserStatus.BUSY, DndStatus.TAKE_ALL_CALLS,
        UserStatus.BUSY, TelephonyStatus.CALL_CONNECTED, MeetingStatus.DISCONNECTED, null));

    for (PresenceState variant : variants) {
      assertThat(variant).isNotEqualTo(BASE);
      assertThat(BASE).isNotEqualTo(variant);
    }
    assertThat(BASE).isNotEqualTo(null).isNotEqualTo("lunch");
  }

  @Test
  void statesWithOnlyAbsentRawFieldsAreEqual() {
    PresenceState a = new PresenceState(Availability.INVISIBLE, null, null, null, null, null, null);
    PresenceState b = new PresenceState(Availability.INVISIBLE, null, null, null, null, null, null);

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
  }
}
