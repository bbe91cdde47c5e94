package io.presencestream.sink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Tells the log about failed webhook deliveries without flooding it: the first failure at once, then at
 * most one line per {@code interval}, saying how many events failed since the previous line, for which
 * URL, why, and where they went (the dead-letter file, or lost). A URL that stays down thus costs one
 * line per interval whatever the event rate; exact counts are in the metrics. Failures that arrive
 * within an interval are reported when it ends, by a task on {@code scheduler}, so none waits for the
 * next failure to be told.
 *
 * <p>Thread-safe. The lock guards only the tallies: the line is logged, and the task scheduled, after it
 * is released.
 */
final class DeadLetterReport {

  /** What one URL contributed since the last line. */
  private static final class Tally {
    long events;
    String reason;
  }

  private final String sink;
  private final String file;
  private final Duration interval;
  private final Scheduler scheduler;
  private final Consumer<String> warn;

  private final Object lock = new Object();
  private final Map<String, Tally> byTarget = new LinkedHashMap<>();
  private long written;
  private long lost;
  private String lostBecause;
  private long nextLineAt = Long.MIN_VALUE;
  private boolean taskScheduled;
  private boolean closed;
  private boolean reportedBefore;
  private volatile Disposable task;

  /**
   * @param file the dead-letter file as shown in the log, or null when there is none
   * @param warn receives each line (the sink's logger at WARN)
   */
  DeadLetterReport(String sink, String file, Duration interval, Scheduler scheduler, Consumer<String> warn) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.file = file;
    this.interval = Objects.requireNonNull(interval, "interval");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.warn = Objects.requireNonNull(warn, "warn");
  }

  /** {@code events} for {@code target} failed for {@code reason} and were appended to the dead-letter file. */
  void deadLettered(String target, String reason, int events) {
    record(target, reason, events, null);
  }

  /**
   * {@code events} for {@code target} failed for {@code reason} and are lost: there is no dead-letter file,
   * or it could not be written ({@code because}).
   */
  void lost(String target, String reason, int events, String because) {
    record(target, reason, events, Objects.requireNonNull(because, "because"));
  }

  /** Reports what is pending now and stops the timer; later failures are reported at once. */
  void close() {
    String line;
    synchronized (lock) {
      closed = true;
      line = takeLine();
    }
    Disposable pending = task;
    if (pending != null) {
      pending.dispose();
    }
    if (line != null) {
      warn.accept(line);
    }
  }

  private void record(String target, String reason, int events, String lostBecause) {
    if (events <= 0) {
      return;
    }
    String line = null;
    long delay = -1;
    synchronized (lock) {
      Tally tally = byTarget.computeIfAbsent(target, t -> new Tally());
      tally.events += events;
      tally.reason = reason;
      if (lostBecause == null) {
        written += events;
      } else {
        lost += events;
        this.lostBecause = lostBecause;
      }
      long now = scheduler.now(TimeUnit.MILLISECONDS);
      if (closed || now >= nextLineAt) {
        line = takeLine();
        nextLineAt = now + interval.toMillis();
      } else if (!taskScheduled) {
        taskScheduled = true;
        delay = nextLineAt - now;
      }
    }
    if (line != null) {
      warn.accept(line);
    }
    if (delay >= 0) {
      task = scheduler.schedule(this::due, delay, TimeUnit.MILLISECONDS);
    }
  }

  /** The interval since the last line is over: report what came in meanwhile. */
  private void due() {
    String line;
    synchronized (lock) {
      taskScheduled = false;
      line = takeLine();
      if (line != null) {
        nextLineAt = scheduler.now(TimeUnit.MILLISECONDS) + interval.toMillis();
      }
    }
    if (line != null) {
      warn.accept(line);
    }
  }

  /** The line for what is pending, which is then cleared; null when nothing is. Called under the lock. */
  private String takeLine() {
    if (written == 0 && lost == 0) {
      return null;
    }
    StringBuilder line = new StringBuilder("sink ").append(sink).append(": ");
    if (written > 0) {
      line.append(written).append(" event(s) dead-lettered to ").append(file);
    }
    if (lost > 0) {
      line.append(written > 0 ? " and " : "").append(lost).append(" event(s) lost (").append(lostBecause).append(')');
    }
    if (reportedBefore) {
      line.append(" since the previous report");
    }
    line.append(" —");
    String separator = " ";
    for (Map.Entry<String, Tally> entry : byTarget.entrySet()) {
      line.append(separator).append(entry.getValue().events).append(" for ").append(entry.getKey())
          .append(" (").append(entry.getValue().reason).append(')');
      separator = ", ";
    }
    if (!closed) {
      line.append("; further failures are reported at most every ").append(seconds(interval));
    }
    reportedBefore = true;
    byTarget.clear();
    written = 0;
    lost = 0;
    lostBecause = null;
    return line.toString();
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
