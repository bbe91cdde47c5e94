package io.presencestream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The progress of one {@code replay} run on stderr: a status line redrawn in place with {@code \r}
 * (lines read, rate, share of the file, time left), then a one-line summary at the end.
 *
 * <p>The replay calls it once per input line. When hidden, it only passes the malformed-line reports
 * through to stderr, exactly as the command wrote them before progress existed. When shown, the status
 * line is redrawn at most four times a second, so a fast replay spends nothing noticeable on it, and
 * it is cleared before any other stderr line so reports never end up glued to it.
 *
 * <p>Time comes from an injected {@code nanoTime}, never from the engine: the engine stays clock-free
 * and the progress is testable with a fake time source.
 */
final class ReplayProgress {

  /** At most four refreshes a second: smooth enough to read, cheap enough to ignore. */
  static final long REFRESH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /**
   * No time left is estimated before a second has passed and 1 % of the file is read: the rate of the
   * first moments is mostly the JVM warming up, and an estimate from it is far too pessimistic.
   */
  static final long MIN_ESTIMATE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final PrintWriter err;
  private final boolean shown;
  private final long totalBytes;
  private final String writtenNoun;
  private final LongSupplier nanoTime;
  private final long startNanos;

  private long lines;
  private long decoded;
  private long malformed;
  private long written;
  private long bytesRead;
  private long lastRefreshNanos;
  /** Length of the status line on screen now, 0 when none: what a redraw or a clear must cover. */
  private int statusLength;

  private ReplayProgress(PrintWriter err, boolean shown, long totalBytes, String writtenNoun,
      LongSupplier nanoTime) {
    this.err = err;
    this.shown = shown;
    this.totalBytes = totalBytes;
    this.writtenNoun = writtenNoun;
    this.nanoTime = nanoTime;
    this.startNanos = shown ? nanoTime.getAsLong() : 0;
    this.lastRefreshNanos = startNanos;
  }

  /**
   * Progress shown on {@code err}.
   *
   * @param totalBytes the size of the input, for the share done and the time left
   * @param writtenNoun what the output lines are ({@code "events"}, {@code "states"}), for the summary
   * @param nanoTime a monotonic time source in nanoseconds, like {@link System#nanoTime()}
   */
  static ReplayProgress shown(PrintWriter err, long totalBytes, String writtenNoun, LongSupplier nanoTime) {
    if (totalBytes < 0) {
      throw new IllegalArgumentException("totalBytes must not be negative: " + totalBytes);
    }
    return new ReplayProgress(err, true, totalBytes, writtenNoun, nanoTime);
  }

  /** No progress: malformed-line reports still go to {@code err}, nothing else does. */
  static ReplayProgress hidden(PrintWriter err) {
    return new ReplayProgress(err, false, 0, "", () -> 0);
  }

  /**
   * Whether stderr is a terminal, the default for showing progress.
   *
   * <p>{@link System#console()} is only non-null when stdin and stdout are terminals, but a large
   * replay usually has its stdout redirected to a file while stderr is still the terminal. On Linux,
   * where fd 2 can be inspected, the answer is therefore where fd 2 points; elsewhere the console is
   * the proxy, and {@code --progress} forces the display.
   */
  static boolean stderrIsTerminal() {
    Path stderr = Path.of("/proc/self/fd/2");
    try {
      if (Files.isSymbolicLink(stderr)) {
        String target = Files.readSymbolicLink(stderr).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // no /proc to read: fall back on the console
    }
    return System.console() != null;
  }

  /** A line of {@code bytes} bytes (its line break included) that decoded and produced {@code outputLines} lines on stdout. */
  void decoded(long bytes, int outputLines) {
    decoded++;
    written += outputLines;
    consumed(bytes);
  }

  /** A line of {@code bytes} bytes that did not decode: counted, and {@code report} printed on its own stderr line. */
  void malformed(long bytes, String report) {
    malformed(bytes, report, 0);
  }

  /** The same, for a mode that still writes {@code outputLines} lines for it on stdout (an error line). */
  void malformed(long bytes, String report, int outputLines) {
    malformed++;
    written += outputLines;
    note(report);
    consumed(bytes);
  }

  /** A blank line of {@code bytes} bytes: counted as read, nothing else. */
  void blank(long bytes) {
    consumed(bytes);
  }

  /** Prints {@code message} on its own stderr line, clearing the status line first. */
  void note(String message) {
    clearStatus();
    err.println(message);
    err.flush();
  }

  /** Ends the run: the status line gives way to the summary (when shown). */
  void finish() {
    if (!shown) {
      return;
    }
    long elapsedNanos = nanoTime.getAsLong() - startNanos;
    clearStatus();
    err.println("replay: " + summary(elapsedNanos));
    err.flush();
  }

  /**
   * Ends a run stopped by a signal: the status line is brought up to date and ended with a line break, so
   * the shell's prompt does not land on it, then the summary follows (when shown); when hidden, one line
   * says where the replay stopped.
   */
  void interrupted() {
    if (shown) {
      long elapsedNanos = nanoTime.getAsLong() - startNanos;
      drawStatus(elapsedNanos);
      err.println();
      statusLength = 0;
      err.println("replay: interrupted: " + summary(elapsedNanos));
    } else {
      err.println("replay: interrupted after " + lines + " lines; the output of each of them is complete");
    }
    err.flush();
  }

  private String summary(long elapsedNanos) {
    return String.format(Locale.ROOT, "%d lines (%d decoded, %d skipped malformed), %d %s written, elapsed %s (%s)",
        lines, decoded, malformed, written, writtenNoun, duration(elapsedNanos), rate(elapsedNanos));
  }

  private void consumed(long bytes) {
    lines++;
    if (!shown) {
      return;
    }
    bytesRead += bytes; // exact: JsonLines counts the line's bytes and its line break
    long now = nanoTime.getAsLong();
    if (now - lastRefreshNanos >= REFRESH_INTERVAL_NANOS) {
      lastRefreshNanos = now;
      drawStatus(now - startNanos);
    }
  }

  private void drawStatus(long elapsedNanos) {
    String status = String.format(Locale.ROOT, "replay: %d lines, %s, %s", lines, rate(elapsedNanos),
        share(elapsedNanos));
    StringBuilder draw = new StringBuilder(status.length() + 8).append('\r').append(status);
    for (int i = status.length(); i < statusLength; i++) {
      draw.append(' ');
    }
    statusLength = status.length();
    err.print(draw);
    err.flush();
  }

  private void clearStatus() {
    if (statusLength == 0) {
      return;
    }
    err.print('\r' + " ".repeat(statusLength) + '\r');
    statusLength = 0;
  }

  /** Lines per second over the whole run so far. */
  private String rate(long elapsedNanos) {
    if (elapsedNanos <= 0) {
      return "- lines/s";
    }
    return Math.round(lines * 1e9 / elapsedNanos) + " lines/s";
  }

  /**
   * Share of the file read and time left, assuming the rest goes at the average speed so far (once there
   * is enough of a run to average: {@link #MIN_ESTIMATE_NANOS}).
   */
  private String share(long elapsedNanos) {
    if (totalBytes == 0 || bytesRead == 0) {
      return "time left unknown";
    }
    long done = Math.min(bytesRead, totalBytes);
    long percent = done * 100 / totalBytes;
    if (elapsedNanos < MIN_ESTIMATE_NANOS || done * 100 < totalBytes) {
      return percent + "%, estimating time left";
    }
    long leftNanos = (long) ((double) elapsedNanos * (totalBytes - done) / done);
    return percent + "%, " + duration(leftNanos) + " left";
  }

  /** {@code 4.2s} under ten seconds, then {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
  static String duration(long nanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
  }

}
