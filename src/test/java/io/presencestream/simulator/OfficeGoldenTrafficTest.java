package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.DndStatus;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.SteppingClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's traffic is a function of its seed: a seeded run produces exactly the notifications,
 * the fault-injected sequences and the ground truth recorded in {@value #GOLDEN}. Any change to the
 * office that alters what a seed produces (a different draw order, another id format, another
 * telephony-session change) fails here;
 * if the change is intended, regenerate the file with {@code -Dsimulator.golden.write=true}.
 *
 * <p>Each line is one step, as the SHA-256 of what it produced (presence notifications and
 * telephony-session changes), so a failure names the first step that differs; the ground truth of every
 * extension and of every live session is pinned every 50 steps and at the end.
 */
class OfficeGoldenTrafficTest {

  private static final String GOLDEN = "/simulator/office-golden-traffic.txt";
  private static final int STEPS = 1500;

  @Test
  void aSeededRunProducesExactlyTheRecordedTrafficAndGroundTruth() throws IOException {
    List<String> actual = record();

    if (Boolean.getBoolean("simulator.golden.write")) {
      Path file = Path.of("src/test/resources" + GOLDEN);
      Files.createDirectories(file.getParent());
      Files.write(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).containsExactlyElementsOf(golden());
  }

  private static List<String> record() {
    SteppingClock clock = new SteppingClock(Instant.parse("2026-11-26T10:00:00Z"));
    Office office = new Office(SimulatorOptions.builder().seed(20261202).extensions(14).eventsPerSecond(0)
        .clock(clock).build());
    List<String> lines = new ArrayList<>();
    lines.add("directory " + digest(office.directory().toString()));
    office.recordSessionChanges(true);
    for (int i = 1; i <= STEPS; i++) {
      clock.advance(Duration.ofMillis(137));
      StringBuilder produced = new StringBuilder(office.step().toString());
      produced.append(" sessions=").append(office.takeSessionChanges());
      if (i % 97 == 0) {
        produced.append(" stale=").append(office.staleReplay());
      }
      if (i % 211 == 0) {
        office.skipSequences(3);
      }
      if (i % 389 == 0) {
        office.resetSequences();
      }
      if (i % 157 == 0) {
        produced.append(" presence=").append(office.setPresence(office.owner().id, UserStatus.BUSY,
            DndStatus.DO_NOT_ACCEPT_ANY_CALLS, "pinned " + i));
      }
      lines.add("step " + i + " " + digest(produced.toString()));
      if (i % 50 == 0 || i == STEPS) {
        lines.add("truth " + i + " " + digest(office.truth().toString()));
        lines.add("session truth " + i + " " + digest(office.sessionTruth().toString()));
        StringBuilder snapshots = new StringBuilder();
        office.extensions().forEach(e -> snapshots.append(office.snapshot(e)));
        lines.add("snapshots " + i + " " + digest(snapshots.toString()));
      }
    }
    lines.add("steps " + office.steps());
    return lines;
  }

  private static List<String> golden() throws IOException {
    try (InputStream in = OfficeGoldenTrafficTest.class.getResourceAsStream(GOLDEN)) {
      assertThat(in).as("golden file %s", GOLDEN).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
