package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Dead letters reach the log as one line per interval, on virtual time. */
class DeadLetterReportTest {

  private static final String HOOK = "http://127.0.0.1:9/hook";
  private static final String OTHER = "http://127.0.0.1:9/other";

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private DeadLetterReport report(String file) {
    return new DeadLetterReport("webhook-0", file, Duration.ofSeconds(30), time, lines::add);
  }

  @Test
  void reportsTheFirstFailureAtOnceAndTheRestAtMostOncePerInterval() {
    DeadLetterReport report = report("/data/dead.jsonl");
    report.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 1);
    assertThat(lines).containsExactly(
        "sink webhook-0: 1 event(s) dead-lettered to /data/dead.jsonl — 1 for " + HOOK
            + " (HTTP 500 after 5 attempt(s)); further failures are reported at most every 30 s");

    for (int i = 0; i < 100; i++) {
      report.deadLettered(i % 4 == 0 ? OTHER : HOOK, i % 4 == 0 ? "timed out after 5 attempt(s)" : "HTTP 503 after 5 attempt(s)", 2);
    }
    time.advanceTimeBy(Duration.ofSeconds(29));
    assertThat(lines).hasSize(1);

    time.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).as("URLs in the order they first failed in the interval").isEqualTo(
        "sink webhook-0: 200 event(s) dead-lettered to /data/dead.jsonl since the previous report — 50 for " + OTHER
            + " (timed out after 5 attempt(s)), 150 for " + HOOK
            + " (HTTP 503 after 5 attempt(s)); further failures are reported at most every 30 s");

    time.advanceTimeBy(Duration.ofMinutes(5));
    assertThat(lines).as("nothing failed since: no line").hasSize(2);

    report.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 3);
    assertThat(lines).as("the interval since the last line is long over: at once").hasSize(3);
    assertThat(lines.get(2)).startsWith("sink webhook-0: 3 event(s) dead-lettered to /data/dead.jsonl since the previous report");
  }

  @Test
  void saysWhyEventsAreLostWhenTheyCouldNotBeFiled() {
    DeadLetterReport withoutFile = report(null);
    withoutFile.lost(HOOK, "HTTP 400 after 1 attempt(s)", 3, "no dead-letter file");
    assertThat(lines).singleElement().asString()
        .startsWith("sink webhook-0: 3 event(s) lost (no dead-letter file) — 3 for " + HOOK + " (HTTP 400 after 1 attempt(s))");

    lines.clear();
    DeadLetterReport unwritable = report("/data/dead.jsonl");
    unwritable.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 1);
    unwritable.lost(HOOK, "HTTP 500 after 5 attempt(s)", 4, "cannot write /data/dead.jsonl: no space left on device");
    time.advanceTimeBy(Duration.ofSeconds(30));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("sink webhook-0: 4 event(s) lost (cannot write /data/dead.jsonl: no space left on device)"
        + " since the previous report — 4 for " + HOOK);
  }

  @Test
  void closeReportsWhatIsPendingAndLaterFailuresAtOnce() {
    DeadLetterReport report = report("/data/dead.jsonl");
    report.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 1);
    report.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 5);
    report.close();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(
        "sink webhook-0: 5 event(s) dead-lettered to /data/dead.jsonl since the previous report — 5 for " + HOOK
            + " (HTTP 500 after 5 attempt(s))");

    time.advanceTimeBy(Duration.ofMinutes(1));
    assertThat(lines).as("the timer of the interval was cancelled, nothing is reported twice").hasSize(2);
    report.deadLettered(HOOK, "HTTP 500 after 5 attempt(s)", 1);
    assertThat(lines).hasSize(3);
  }
}
