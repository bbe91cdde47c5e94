package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.PresenceEvent;
import io.presencestream.testing.BlockHoundSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The history sink fed and the history API asked from Reactor's non-blocking threads under BlockHound, on
 * the embedded H2 (whose driver blocks the thread that uses it): the engine's thread must only queue, the
 * writes and reads must run elsewhere. Runs in the {@code blockhound} Surefire execution; alone:
 * {@code mvn test -Dtest=HistoryBlockHoundCheck -DargLine=-XX:+AllowRedefinitionToAddDeleteMethods}.
 */
@Timeout(120)
@EnabledIf(
    value = "io.presencestream.testing.BlockHoundSupport#redefinitionAllowed",
    disabledReason = BlockHoundSupport.SKIP_REASON)
class HistoryBlockHoundCheck {

  @TempDir Path temp;

  @BeforeAll
  static void installBlockHound() {
    BlockHoundSupport.install();
  }

  @Test
  void theSinkAndTheApiNeverBlockNonBlockingThreads() {
    HistoryStore store = HistoryStore.open(HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/presence")))
            .spillDirectory(temp.resolve("spill")).batchSize(20).build(),
        PresenceCodec.create()::encodeEvent, new SimpleMeterRegistry());
    try {
      Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
      List<PresenceEvent> events = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        events.addAll(CallScript.missed("70" + (i % 4), "b" + i, t0.plusSeconds(i), Duration.ofSeconds(3)));
      }
      // the engine's stand-in: events handed over on a parallel (non-blocking) thread
      Flux.fromIterable(events).publishOn(Schedulers.parallel()).doOnNext(store.sink()::accept).then()
          .block(Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(30)).until(() -> store.sink().queueDepth() == 0
          && store.count("events").block(Duration.ofSeconds(10)) == events.size());
      HistoryApi.Response page = Mono.defer(() -> store.api().get("/api/history/calls",
              Map.of("from", List.of("2026-11-26"), "limit", List.of("1000"), "format", List.of("csv")), null))
          .subscribeOn(Schedulers.parallel())
          .block(Duration.ofSeconds(30));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().split("\r\n")).hasSize(201);
      // the contact-centre history: spans and queue calls written, an agent's day and a queue's hours read
      List<PresenceEvent> contactCentre = new ArrayList<>(ContactCentreScript.agentDay());
      contactCentre.addAll(ContactCentreScript.queueCalls());
      Flux.fromIterable(contactCentre).publishOn(Schedulers.parallel()).doOnNext(store.sink()::accept).then()
          .block(Duration.ofSeconds(30));
      await().atMost(Duration.ofSeconds(30)).until(() -> store.count("queue_calls").block(Duration.ofSeconds(10)) == 5);
      for (String path : List.of("/api/history/agents/101/day", "/api/history/queues/900")) {
        HistoryApi.Response answer = Mono.defer(() -> store.api().get(path, Map.of(), null))
            .subscribeOn(Schedulers.parallel())
            .block(Duration.ofSeconds(30));
        assertThat(answer.status()).as(path).isEqualTo(200);
      }
    } finally {
      store.close().block(Duration.ofSeconds(30));
    }
    assertThat(BlockHoundSupport.blockingCalls()).isEmpty();
  }

  @Test
  void readingEarlierRunsEventsForARestoreNeverBlocksNonBlockingThreads() {
    HistoryOptions options = HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/restore")))
        .spillDirectory(temp.resolve("spill-restore")).build();
    PresenceCodec codec = PresenceCodec.create();
    Instant t0 = Instant.parse("2026-11-26T09:00:00Z");
    List<PresenceEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.addAll(CallScript.missed("71" + (i % 4), "r" + i, t0.plusSeconds(i), Duration.ofSeconds(3)));
    }
    HistoryStore before = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry());
    events.forEach(before.sink()::accept);
    before.close().block(Duration.ofSeconds(30));

    HistoryStore after = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry());
    try {
      List<PresenceEvent> back = Flux.defer(() -> after.earlierEvents(t0,
              List.of(io.presencestream.model.EventKind.CALL_NEW, io.presencestream.model.EventKind.CALL_ENDED,
                  io.presencestream.model.EventKind.CALL_RINGING, io.presencestream.model.EventKind.CALL_UPDATED,
                  io.presencestream.model.EventKind.PRESENCE), codec::decodeEvent))
          .subscribeOn(Schedulers.parallel())
          .publishOn(Schedulers.parallel())
          .collectList()
          .block(Duration.ofSeconds(30));
      assertThat(back).containsExactlyElementsOf(events);
    } finally {
      after.close().block(Duration.ofSeconds(30));
    }
    assertThat(BlockHoundSupport.blockingCalls()).isEmpty();
  }
}
