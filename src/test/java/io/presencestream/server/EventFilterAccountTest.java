package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EventKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An SSE filter narrowed to one account keeps that account's events only, by what a frame carries. */
class EventFilterAccountTest {

  @Test
  void aFilterForEveryAccountKeepsEventsWithAndWithoutAnAccount() {
    EventFilter all = EventFilter.all();

    assertThat(all.matches("101", "37439510", EventKind.PRESENCE)).isTrue();
    assertThat(all.matches("101", null, EventKind.PRESENCE)).isTrue();
    assertThat(all.accountIds()).isEmpty();
  }

  @Test
  void aFilterForOneAccountKeepsOnlyItsEvents() {
    EventFilter west = EventFilter.parse("101,102", "presence").withAccount("37439511");

    assertThat(west.matches("101", "37439511", EventKind.PRESENCE)).isTrue();
    assertThat(west.matches("101", "37439510", EventKind.PRESENCE)).as("another account").isFalse();
    assertThat(west.matches("101", null, EventKind.PRESENCE)).as("no account").isFalse();
    assertThat(west.matches("103", "37439511", EventKind.PRESENCE)).as("another extension").isFalse();
    assertThat(west.matches("101", "37439511", EventKind.CALL_NEW)).as("another kind").isFalse();
    assertThat(west.extensionIds()).isEqualTo(Set.of("101", "102"));
  }

  @Test
  void theHubsFramesCarryTheAccountOfTheirEvent() {
    StreamItem.Event framed = new StreamItem.Event(7, EventKind.PRESENCE, "101", "{}", "37439511");
    StreamItem.Event older = new StreamItem.Event(8, EventKind.PRESENCE, "101", "{}");

    assertThat(framed.accountId()).isEqualTo("37439511");
    assertThat(older.accountId()).isNull();
  }
}
