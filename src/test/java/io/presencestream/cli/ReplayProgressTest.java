package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

  private static final String NL = System.lineSeparator();
  /** A line of 99 bytes + its line break. */
  private static final long LINE_OF_100_BYTES = 100;

  /** A clock that only moves when the test says so. */
  private static final class FakeTime implements LongSupplier {
    private long nanos = 1_000_000_000L; // not zero: the progress must only use differences

    void advance(Duration duration) {
      nanos += duration.toNanos();
    }

    @Override
    public long getAsLong() {
      return nanos;
    }
  }

  private final FakeTime time = new FakeTime();
  private final StringWriter err = new StringWriter();

  private ReplayProgress shown(long totalBytes) {
    return ReplayProgress.shown(new PrintWriter(err), totalBytes, "events", time);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  @Test
  void reportsRateAndTimeLeftFromBytesRead() {
    ReplayProgress progress = shown(10_000);

    for (int i = 0; i < 49; i++) {
      progress.decoded(LINE_OF_100_BYTES, 1);
    }
    time.advance(Duration.ofSeconds(1));
    progress.decoded(LINE_OF_100_BYTES, 1);

    // 5,000 of 10,000 bytes in 1 s: as long again for the other half.
    assertThat(err.toString()).isEqualTo("\rreplay: 50 lines, 50 lines/s, 50%, 1.0s left");
  }

  @Test
  void estimatesTimeLeftFromTheAverageSpeedOfTheRun() {
    ReplayProgress progress = shown(1_000_000);

    for (int i = 0; i < 999; i++) {
      progress.decoded(LINE_OF_100_BYTES, 0);
    }
    time.advance(Duration.ofSeconds(30));
    progress.decoded(LINE_OF_100_BYTES, 0); // 100,000 bytes: 10% of the file in 30 s

    assertThat(err.toString()).endsWith("\rreplay: 1000 lines, 33 lines/s, 10%, 4m30s left");
  }

  @Test
  void neverClaimsMoreThanTheWholeFile() {
    ReplayProgress progress = shown(150); // the file grew after its size was taken

    progress.decoded(LINE_OF_100_BYTES, 1);
    progress.decoded(LINE_OF_100_BYTES, 1);
    time.advance(Duration.ofSeconds(1));
    progress.decoded(LINE_OF_100_BYTES, 1);

    assertThat(err.toString()).endsWith("100%, 0.0s left");
  }

  @Test
  void refreshesAtMostFourTimesASecond() {
    ReplayProgress progress = shown(100_000);

    for (int i = 0; i < 1_000; i++) { // one line every 10 ms, 10 s in all
      time.advance(Duration.ofMillis(10));
      progress.decoded(LINE_OF_100_BYTES, 1);
    }

    assertThat(occurrences(err.toString(), "\rreplay: ")).isEqualTo(40);
    assertThat(err.toString()).doesNotContain("\n");
  }

  @Test
  void drawsNoStatusLineForARunShorterThanAQuarterSecond() {
    ReplayProgress progress = shown(10_000);

    for (int i = 0; i < 100; i++) {
      time.advance(Duration.ofMillis(2));
      progress.decoded(LINE_OF_100_BYTES, 1);
    }
    progress.finish();

    assertThat(err.toString())
        .isEqualTo("replay: 100 lines (100 decoded, 0 skipped malformed), 100 events written, elapsed 0.2s "
            + "(500 lines/s)" + NL);
  }

  @Test
  void printsSummaryAtEnd() {
    ReplayProgress progress = shown(500);

    progress.decoded(LINE_OF_100_BYTES, 2);
    progress.blank(1);
    progress.malformed(9, "line 3: skipped (not_json): …");
    time.advance(Duration.ofSeconds(2));
    progress.decoded(LINE_OF_100_BYTES, 0);
    time.advance(Duration.ofMillis(500));
    progress.decoded(LINE_OF_100_BYTES, 5);
    progress.finish();

    String summary = "replay: 5 lines (3 decoded, 1 skipped malformed), 7 events written, elapsed 2.5s "
        + "(2 lines/s)";
    // The last status line (drawn at 2.5 s) is wiped out before the summary replaces it.
    String lastStatus = "replay: 5 lines, 2 lines/s, 62%, 1.5s left";
    assertThat(err.toString())
        .contains("\rreplay: 4 lines, 2 lines/s, 42%, 2.8s left")
        .endsWith("\r" + lastStatus + "\r" + " ".repeat(lastStatus.length()) + "\r" + summary + NL);
  }

  @Test
  void clearsTheStatusLineBeforeReportingAMalformedLine() {
    ReplayProgress progress = shown(10_000);
    time.advance(Duration.ofSeconds(1));
    progress.decoded(LINE_OF_100_BYTES, 1);
    String status = "replay: 1 lines, 1 lines/s, 1%, 1m39s left";
    assertThat(err.toString()).isEqualTo("\r" + status);

    progress.malformed(2, "line 2: skipped (not_json): [");

    assertThat(err.toString())
        .isEqualTo("\r" + status + "\r" + " ".repeat(status.length()) + "\r" + "line 2: skipped (not_json): [" + NL);
  }

  @Test
  void whenHiddenOnlyPassesMalformedLineReportsThrough() {
    ReplayProgress progress = ReplayProgress.hidden(new PrintWriter(err));

    progress.decoded(LINE_OF_100_BYTES, 3);
    progress.malformed(2, "line 2: skipped (not_json): [");
    progress.blank(2);
    progress.finish();

    assertThat(err.toString()).isEqualTo("line 2: skipped (not_json): [" + NL);
  }

  @Test
  void estimatesNoTimeLeftBeforeASecondAndOnePercentOfTheFile() {
    ReplayProgress progress = shown(1_000_000);

    time.advance(Duration.ofMillis(300));
    progress.decoded(LINE_OF_100_BYTES, 1); // 0.3 s in: the rate so far is mostly the JVM warming up
    assertThat(err.toString()).isEqualTo("\rreplay: 1 lines, 3 lines/s, 0%, estimating time left");

    for (int i = 0; i < 49; i++) {
      progress.decoded(LINE_OF_100_BYTES, 1);
    }
    time.advance(Duration.ofMillis(900));
    progress.decoded(LINE_OF_100_BYTES, 1); // 1.2 s in, but only 0.5 % of the file
    assertThat(err.toString()).endsWith("\rreplay: 51 lines, 43 lines/s, 0%, estimating time left");

    for (int i = 0; i < 48; i++) {
      progress.decoded(LINE_OF_100_BYTES, 1);
    }
    time.advance(Duration.ofMillis(300));
    progress.decoded(LINE_OF_100_BYTES, 1); // 1 % in 1.5 s: now there is something to go by
    // (padded with blanks over the longer status before it)
    assertThat(err.toString()).endsWith("\rreplay: 100 lines, 67 lines/s, 1%, 2m28s left" + " ".repeat(9));
  }

  @Test
  void anInterruptedRunEndsItsStatusLineAndSummarises() {
    ReplayProgress progress = shown(10_000);
    time.advance(Duration.ofSeconds(1));
    progress.decoded(LINE_OF_100_BYTES, 2);
    progress.decoded(LINE_OF_100_BYTES, 2);

    progress.interrupted();

    String status = "replay: 2 lines, 2 lines/s, 2%, 49s left";
    assertThat(err.toString()).isEqualTo("\rreplay: 1 lines, 1 lines/s, 1%, 1m39s left"
        + "\r" + status + "  " + NL
        + "replay: interrupted: 2 lines (2 decoded, 0 skipped malformed), 4 events written, elapsed 1.0s (2 lines/s)"
        + NL);
  }

  @Test
  void anInterruptedRunWithoutProgressSaysWhereItStopped() {
    ReplayProgress progress = ReplayProgress.hidden(new PrintWriter(err));
    progress.decoded(LINE_OF_100_BYTES, 1);
    progress.blank(1);

    progress.interrupted();

    assertThat(err.toString()).isEqualTo("replay: interrupted after 2 lines; the output of each of them is complete" + NL);
  }

  @Test
  void formatsDurationsForPeople() {
    assertThat(ReplayProgress.duration(Duration.ofMillis(250).toNanos())).isEqualTo("0.3s");
    assertThat(ReplayProgress.duration(Duration.ofMillis(9_940).toNanos())).isEqualTo("9.9s");
    assertThat(ReplayProgress.duration(Duration.ofSeconds(42).toNanos())).isEqualTo("42s");
    assertThat(ReplayProgress.duration(Duration.ofSeconds(187).toNanos())).isEqualTo("3m07s");
    assertThat(ReplayProgress.duration(Duration.ofMinutes(125).toNanos())).isEqualTo("2h05m");
    assertThat(ReplayProgress.duration(-1)).isEqualTo("0.0s");
  }
}
