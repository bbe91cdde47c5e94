package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Availability;
import io.presencestream.model.CallRecord;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.SessionResult;
import io.presencestream.sink.EventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the history store promises, run against each database it supports (a subclass per database: the
 * embedded H2 and a real PostgreSQL server): every event and every call record stored once, however often
 * written; durations derived from the call's events; keyset pages; retention per table; the schema
 * migrated at start; a restart that keeps everything.
 */
abstract class HistoryStoreContract {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  @TempDir Path temp;

  final PresenceCodec codec = PresenceCodec.create();
  final List<HistoryStore> opened = new ArrayList<>();

  /** A fresh, empty database for one test (the same on every call within the test). */
  abstract HistoryDatabase database();

  HistoryOptions.Builder options() {
    return HistoryOptions.builder(database()).spillDirectory(temp.resolve("spill"));
  }

  HistoryStore open(HistoryOptions options) {
    return open(options, Clock.systemUTC());
  }

  HistoryStore open(HistoryOptions options, Clock clock) {
    HistoryStore store = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry(), clock);
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    for (HistoryStore store : opened) {
      store.close().block(WAIT);
    }
  }

  static void feed(EventSink sink, List<PresenceEvent> events) {
    events.forEach(sink::accept);
  }

  static List<CallRecord> allCalls(HistoryStore store, Instant from, Instant to, int limit) {
    List<CallRecord> all = new ArrayList<>();
    CallQuery query = new CallQuery(from, to, null, null, null, limit, null);
    while (true) {
      CallPage page = store.calls(query).block(WAIT);
      all.addAll(page.calls());
      if (page.nextCursor() == null) {
        return all;
      }
      query = query.after(page.nextCursor());
    }
  }

  @Test
  void storesEveryEventAndOneRecordPerCallWithItsRingTalkAndHoldTimes() {
    HistoryStore store = open(options().build());
    List<PresenceEvent> events = new ArrayList<>();
    events.add(CallScript.presence("101", T0, Availability.AVAILABLE));
    events.addAll(CallScript.answered("101", "c1", T0.plusSeconds(1), Duration.ofSeconds(7), Duration.ofSeconds(60),
        Duration.ofSeconds(20), Duration.ofSeconds(30)));
    events.addAll(CallScript.missed("102", "c2", T0.plusSeconds(5), Duration.ofSeconds(25)));
    feed(store.sink(), events);
    store.sink().close().block(WAIT);

    assertThat(store.count("events").block(WAIT)).isEqualTo(events.size());
    List<CallRecord> calls = allCalls(store, T0, T0.plusSeconds(3600), 100);
    assertThat(calls).extracting(CallRecord::callId).containsExactly("c2", "c1"); // newest start first
    CallRecord answered = calls.get(1);
    assertThat(answered.extensionId()).isEqualTo("101");
    assertThat(answered.direction()).isEqualTo(Direction.INBOUND);
    assertThat(answered.from()).isEqualTo("+14155550100");
    assertThat(answered.result()).isEqualTo(SessionResult.ANSWERED);
    assertThat(answered.endReason()).isEqualTo(EndReason.HANGUP);
    assertThat(answered.startTime()).isEqualTo(T0.plusSeconds(1));
    assertThat(answered.answerTime()).isEqualTo(T0.plusSeconds(8));
    assertThat(answered.endTime()).isEqualTo(T0.plusSeconds(118));
    assertThat(answered.duration()).isEqualTo(Duration.ofSeconds(117));
    assertThat(answered.ring()).isEqualTo(Duration.ofSeconds(7));
    assertThat(answered.hold()).isEqualTo(Duration.ofSeconds(20));
    assertThat(answered.talk()).isEqualTo(Duration.ofSeconds(90));
    CallRecord missed = calls.get(0);
    assertThat(missed.result()).isEqualTo(SessionResult.MISSED);
    assertThat(missed.ring()).isEqualTo(Duration.ofSeconds(25));
    assertThat(missed.talk()).isEqualTo(Duration.ZERO);
    assertThat(missed.answerTime()).isNull();
  }

  @Test
  void aCallWhoseStartWasNotSeenHasNoRingOrHoldTimeRatherThanAGuess() {
    HistoryStore store = open(options().build());
    List<PresenceEvent> whole = CallScript.answered("101", "c1", T0, Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
    feed(store.sink(), List.of(whole.get(whole.size() - 1))); // only its end: the daemon started during the call
    store.sink().close().block(WAIT);

    CallRecord record = allCalls(store, T0, T0.plusSeconds(3600), 10).get(0);
    assertThat(record.result()).isEqualTo(SessionResult.ANSWERED);
    assertThat(record.ring()).isNull();
    assertThat(record.hold()).isNull();
    assertThat(record.talk()).isNull();
    assertThat(record.duration()).isEqualTo(Duration.ofSeconds(35));
  }

  @Test
  void writingTheSameEventsAgainStoresEachOnce() {
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.addAll(CallScript.missed("10" + (i % 4), "c" + i, T0.plusSeconds(i), Duration.ofSeconds(3)));
    }
    HistoryStore first = open(options().batchSize(7).build());
    feed(first.sink(), events);
    first.close().block(WAIT);

    HistoryStore second = open(options().batchSize(50).build());
    feed(second.sink(), events); // a feed loaded twice, or a spill replayed after its batch was committed
    second.sink().close().block(WAIT);

    assertThat(second.count("events").block(WAIT)).isEqualTo(events.size());
    assertThat(second.count("calls").block(WAIT)).isEqualTo(40);
    assertThat(allCalls(second, T0, T0.plusSeconds(3600), 1000)).hasSize(40);
  }

  @Test
  void pagesAreNewestFirstWithoutGapsOrRepeatsAndFiltersApply() {
    HistoryStore store = open(options().build());
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // two calls start at the same second: the page order breaks the tie by extension and call id
      Instant start = T0.plusSeconds(60L * (i / 2));
      events.addAll(i % 3 == 0
          ? CallScript.missed("20" + (i % 2), "p" + i, start, Duration.ofSeconds(4))
          : CallScript.answered("20" + (i % 2), "p" + i, start, Duration.ofSeconds(2), Duration.ofSeconds(5),
              Duration.ZERO, Duration.ofSeconds(1)));
    }
    feed(store.sink(), events);
    store.sink().close().block(WAIT);

    List<CallRecord> paged = allCalls(store, T0, T0.plusSeconds(7200), 10);
    assertThat(paged).hasSize(25);
    Set<String> ids = new HashSet<>();
    paged.forEach(c -> assertThat(ids.add(c.callId())).as("no call twice").isTrue());
    for (int i = 1; i < paged.size(); i++) {
      assertThat(paged.get(i).startTime()).isBeforeOrEqualTo(paged.get(i - 1).startTime());
    }
    CallPage first = store.calls(new CallQuery(T0, T0.plusSeconds(7200), null, null, null, 10, null)).block(WAIT);
    assertThat(first.calls()).hasSize(10);
    assertThat(first.nextCursor()).isNotNull();

    List<CallRecord> missedOf200 = store.calls(new CallQuery(T0, T0.plusSeconds(7200), "200", null,
        SessionResult.MISSED, 100, null)).block(WAIT).calls();
    assertThat(missedOf200).isNotEmpty().allSatisfy(c -> {
      assertThat(c.extensionId()).isEqualTo("200");
      assertThat(c.result()).isEqualTo(SessionResult.MISSED);
    });
    assertThat(missedOf200).hasSize((int) paged.stream()
        .filter(c -> c.extensionId().equals("200") && c.result() == SessionResult.MISSED).count());
    // [from, to): a call that started at `to` is not in the range
    assertThat(store.calls(new CallQuery(T0, T0.plusSeconds(60), null, null, null, 100, null)).block(WAIT).calls())
        .hasSize(2);
  }

  @Test
  void retentionDeletesWhatIsOlderThanEachTablesRetention() {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");
    HistoryStore store = open(options().eventRetention(Duration.ofDays(1)).callRetention(Duration.ofDays(3)).build(),
        Clock.fixed(now, ZoneOffset.UTC));
    List<PresenceEvent> events = new ArrayList<>();
    events.addAll(CallScript.missed("101", "old", now.minus(Duration.ofDays(5)), Duration.ofSeconds(10)));    // 3+3
    events.addAll(CallScript.missed("101", "middle", now.minus(Duration.ofDays(2)), Duration.ofSeconds(10))); // 3 events old
    events.addAll(CallScript.missed("101", "recent", now.minus(Duration.ofHours(2)), Duration.ofSeconds(10)));
    feed(store.sink(), events);
    store.sink().close().block(WAIT);

    Retention deleted = store.enforceRetention().block(WAIT);

    assertThat(deleted).isEqualTo(new Retention(6, 1));
    assertThat(store.count("events").block(WAIT)).isEqualTo(3);
    assertThat(allCalls(store, now.minus(Duration.ofDays(10)), now, 100)).extracting(CallRecord::callId)
        .containsExactly("recent", "middle");
    assertThat(store.enforceRetention().block(WAIT)).isEqualTo(new Retention(0, 0));
  }

  @Test
  void theSchemaIsMigratedAtTheFirstStartAndLeftAsItIsAtTheNext() {
    HistoryStore first = open(options().build());
    feed(first.sink(), CallScript.missed("101", "c1", T0, Duration.ofSeconds(1)));
    first.close().block(WAIT);
    Database again = Database.open(options().build());
    try {
      assertThat(again.migrations().migrationsExecuted).isZero();
      assertThat(again.migrations().initialSchemaVersion).isEqualTo("3"); // the latest migration
    } finally {
      again.close().block(WAIT);
    }
  }

  @Test
  void aRestartKeepsTheMorningsEventsAndCalls() {
    List<PresenceEvent> morning = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      morning.addAll(CallScript.answered("30" + (i % 3), "m" + i, T0.plusSeconds(120L * i), Duration.ofSeconds(3),
          Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }
    HistoryStore before = open(options().build());
    feed(before.sink(), morning);
    before.sink().close().block(WAIT);
    List<CallRecord> callsBefore = allCalls(before, T0, T0.plusSeconds(86_400), 1000);
    before.close().block(WAIT);

    HistoryStore after = open(options().build());
    assertThat(after.count("events").block(WAIT)).isEqualTo(morning.size());
    assertThat(allCalls(after, T0, T0.plusSeconds(86_400), 7)).isEqualTo(callsBefore);
  }

  @Test
  void closeWritesWhatIsQueued() {
    HistoryStore store = open(options().batchSize(3).build());
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(CallScript.presence("40" + (i % 10), T0.plusMillis(i), i % 2 == 0 ? Availability.BUSY : Availability.AVAILABLE));
    }
    feed(store.sink(), events);
    store.sink().close().block(WAIT);
    assertThat(store.sink().dropped()).isZero();
    await().atMost(WAIT).until(() -> store.count("events").block(WAIT) == 500);
  }

  private static final List<EventKind> ENGINE_KINDS = List.of(EventKind.PRESENCE, EventKind.CALL_NEW,
      EventKind.CALL_RINGING, EventKind.CALL_UPDATED, EventKind.CALL_ENDED);

  @Test
  void earlierRunsEventsComeBackInTheOrderTheyArrivedNotByTheirOwnTime() {
    // a call's end and the next call's start share one instant; a late event carries an earlier time
    List<PresenceEvent> arrived = new ArrayList<>();
    arrived.addAll(CallScript.answered("101", "c1", T0, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ZERO,
        Duration.ZERO));
    arrived.add(CallScript.presence("101", arrived.get(arrived.size() - 1).at(), Availability.BUSY));
    arrived.add(CallScript.presence("102", T0.minusSeconds(30), Availability.AVAILABLE));
    arrived.add(CallScript.presence("101", T0.plusSeconds(60), Availability.AVAILABLE));
    HistoryStore before = open(options().batchSize(2).build());
    feed(before.sink(), arrived);
    before.close().block(WAIT);

    HistoryStore after = open(options().build());
    PresenceEvent thisRun = CallScript.presence("103", T0.plusSeconds(90), Availability.BUSY);
    after.sink().accept(thisRun);
    await().atMost(WAIT).until(() -> after.count("events").block(WAIT) == arrived.size() + 1);

    assertThat(after.earlierEvents(T0.minusSeconds(3600), ENGINE_KINDS, codec::decodeEvent).collectList().block(WAIT))
        .as("in arrival order, this run's own event not among them").containsExactlyElementsOf(arrived);
    assertThat(after.earlierEvents(T0, ENGINE_KINDS, codec::decodeEvent).collectList().block(WAIT))
        .as("from a time on").doesNotContain(arrived.get(arrived.size() - 2)).hasSize(arrived.size() - 1);
    assertThat(after.earlierEvents(T0, List.of(EventKind.CALL_ENDED), codec::decodeEvent).collectList().block(WAIT))
        .as("of the kinds asked for").singleElement().isInstanceOf(PresenceEvent.CallEnded.class);
  }

  @Test
  void aStoredEventThatDoesNotDecodeIsSkippedAndCountedAndTheRestComeBack() {
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(CallScript.presence("50" + i, T0.plusSeconds(i), Availability.BUSY));
    }
    HistoryStore before = open(options().build());
    feed(before.sink(), events);
    before.close().block(WAIT);
    Database direct = Database.open(options().build());
    try {
      direct.withConnection(c -> reactor.core.publisher.Flux.from(c.createStatement(
              "UPDATE events SET body = '{\"kind\":\"presence\",\"extensionId\":' WHERE extension_id = '502'").execute())
          .concatMap(r -> r.getRowsUpdated()).next()).block(WAIT);
    } finally {
      direct.close().block(WAIT);
    }

    HistoryStore after = open(options().build());
    List<PresenceEvent> back = after.earlierEvents(T0, ENGINE_KINDS, codec::decodeEvent).collectList().block(WAIT);

    assertThat(back).containsExactly(events.get(0), events.get(1), events.get(3), events.get(4));
    assertThat(after.unreadableEvents()).isEqualTo(1);
  }

  @Test
  void rowsStoredBeforeArrivalOrderWasKeptComeBackByTheirOwnTime() throws Exception {
    HistoryDatabase db = database();
    String url = Database.jdbcUrl(db, Duration.ofSeconds(10));
    org.flywaydb.core.Flyway.configure(Database.class.getClassLoader())
        .dataSource(url, Database.user(db), Database.password(db)).locations(Database.MIGRATIONS).target("1")
        .load().migrate();
    PresenceEvent earlier = CallScript.presence("601", T0, Availability.BUSY);
    PresenceEvent later = CallScript.presence("601", T0.plusMillis(1500), Availability.AVAILABLE);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, Database.user(db), Database.password(db));
        java.sql.PreparedStatement insert = c.prepareStatement(
            "INSERT INTO events (event_id, kind, extension_id, at, body) VALUES (?, 'presence', '601', ?, ?)")) {
      for (PresenceEvent e : List.of(later, earlier)) { // stored in the other order
        String json = codec.encodeEvent(e);
        insert.setString(1, EventIds.of(json));
        insert.setObject(2, e.at().atOffset(ZoneOffset.UTC));
        insert.setString(3, json);
        insert.executeUpdate();
      }
    }

    HistoryStore store = open(options().build()); // migrates to the latest version: seq from each row's time

    assertThat(store.earlierEvents(T0, ENGINE_KINDS, codec::decodeEvent).collectList().block(WAIT))
        .containsExactly(earlier, later);
  }
}
