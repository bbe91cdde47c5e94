package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.ContactCentre;
import io.presencestream.ContactCentreOptions;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Directory;
import io.presencestream.server.TestEvents;
import io.presencestream.sink.Health;
import io.presencestream.store.HistoryDatabase;
import io.presencestream.store.HistoryOptions;
import io.presencestream.store.HistoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The daemon's restore as readiness shows it, on the embedded H2: waiting, running, and what it did. */
class HistoryRestoreIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final PresenceCodec codec = PresenceCodec.create();
  private final Clock clock = Clock.fixed(TestEvents.AT.plusSeconds(60), ZoneOffset.UTC);
  private final ContactCentre centre = ContactCentre.create(ContactCentreOptions.defaults().withTimeZone(ZoneOffset.UTC),
      new SimpleMeterRegistry(), clock);

  @TempDir Path temp;
  private HistoryStore store;

  @BeforeEach
  void storeAMorning() {
    HistoryOptions options = HistoryOptions.builder(HistoryDatabase.h2(temp.resolve("db/presence")))
        .spillDirectory(temp.resolve("spill")).build();
    HistoryStore before = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry(), clock);
    List.of(TestEvents.presence("101", 1), TestEvents.presence("102", 2)).forEach(before.sink()::accept);
    before.close().block(WAIT);
    store = HistoryStore.open(options, codec::encodeEvent, new SimpleMeterRegistry(), clock);
  }

  @AfterEach
  void close() {
    store.close().block(WAIT);
  }

  @Test
  void readinessIsDownUntilTheRestoreIsDoneAndThenSaysWhatItRestored() {
    HistoryRestore restore = new HistoryRestore(centre, store, codec, clock, Duration.ofSeconds(30));
    Sinks.One<Directory> directory = Sinks.one();
    Mono<Void> run = restore.run(directory.asMono()).cache();
    run.subscribe();

    assertThat(restore.health()).isEqualTo(
        Health.down("waiting for the directory to restore today's figures from the history"));

    directory.tryEmitValue(new Directory(clock.instant(), List.of(), List.of()));
    run.block(WAIT);

    assertThat(restore.health().healthy()).isTrue();
    assertThat(restore.health().detail()).startsWith("restored from the history: 2 stored event(s), 2 agent(s),"
        + " 0 queue call(s) today, in ");
    assertThat(centre.agents()).hasSize(2);
  }

  @Test
  void noDirectoryWithinTheBudgetGoesLiveWithoutTheRestoreAndSaysSo() {
    HistoryRestore restore = new HistoryRestore(centre, store, codec, clock, Duration.ofSeconds(1));

    restore.run(Mono.never()).block(WAIT);

    assertThat(restore.health().healthy()).isTrue();
    assertThat(restore.health().detail()).isEqualTo("not restored (no directory within the restore budget of PT1S):"
        + " today's figures start at this start");
    assertThat(centre.agents()).isEmpty();
  }

  @Test
  void readsFromBeforeMidnightAndTheLastHour() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(HistoryRestore.from(Instant.parse("2026-11-26T14:00:00Z"), paris))
        .as("two hours before midnight in Paris").isEqualTo(Instant.parse("2026-11-25T21:00:00Z"));
    assertThat(HistoryRestore.from(Instant.parse("2026-11-25T23:30:00Z"), paris))
        .as("just after midnight: two hours before the last hour").isEqualTo(Instant.parse("2026-11-25T20:30:00Z"));
  }
}
