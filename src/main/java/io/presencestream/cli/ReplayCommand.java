package io.presencestream.cli;

import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code replay} command: runs recorded notifications through the engine, deterministically.
 *
 * <p>Each line of the input is a notification envelope or a WebSocket frame array
 * {@code [header, envelope]}. A notification's {@code timestamp} is taken as its receive time (a
 * notification without one takes the previous line's), so the same file always gives the same
 * output. The engine is the pure {@link PresenceTracker}, fed line by line — no threads, no clock.
 *
 * <p>Output, JSON lines on stdout: with {@code --emit events} the derived events in
 * presence-stream's event schema; with {@code --emit state}, after every input line that decoded, one
 * line {@code {"index", "extensionId", "applied", "dropReason", "sequence", "presence", "calls",
 * "updatedAt"}} where {@code index} is the 0-based line index in the file and the rest is the
 * extension's state after that line. A line that does not decode is reported on stderr with its
 * (1-based) line number and skipped; the exit code is still 0.
 *
 * <p>Progress (lines, rate, share of the file, time left, then a summary) goes to stderr when stderr
 * is a terminal, or always with {@code --progress}, never with {@code --no-progress}; stdout is the
 * same either way. Only the progress reads a clock, never the engine.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replays recorded presence notifications (JSON lines) through the engine and writes "
        + "the derived events or states as JSON lines to stdout.")
final class ReplayCommand implements Callable<Integer> {

  /** What to write for each input line. */
  enum Emit {
    events,
    state
  }


  /**
   * Lines longer than this are skipped unread (the codec refuses messages over 1 MiB anyway); the bound
   * keeps one runaway line — a file without line breaks — from filling the heap.
   */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  @Spec
  private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSON lines: notification envelopes or WebSocket frame arrays [header, envelope]; - reads standard input.")
  private Path input;

  @Option(names = "--emit", defaultValue = "events", paramLabel = "events|state",
      description = "events (default): the derived events; state: the extension's state after every line.")
  private Emit emit;

  @Option(names = "--progress", negatable = true,
      description = "Show progress on stderr (lines, rate, time left, then a summary). Default: only when "
          + "stderr is a terminal; --no-progress never shows it.")
  /** null: not given, decided by whether stderr is a terminal. */
  private Boolean progressOption;

  private final LongSupplier nanoTime;
  private final BooleanSupplier stderrIsTerminal;
  private final java.util.function.Supplier<java.io.InputStream> stdin;

  /** The command as the command line runs it: real time, real terminal detection, the process's stdin. */
  ReplayCommand() {
    this(System::nanoTime, ReplayProgress::stderrIsTerminal);
  }

  /** For tests: a fake time source for the progress and a fixed answer to "is stderr a terminal". */
  ReplayCommand(LongSupplier nanoTime, BooleanSupplier stderrIsTerminal) {
    this(nanoTime, stderrIsTerminal, () -> System.in);
  }

  /** For tests: also what {@code --input -} reads. */
  ReplayCommand(LongSupplier nanoTime, BooleanSupplier stderrIsTerminal, java.util.function.Supplier<java.io.InputStream> stdin) {
    this.nanoTime = nanoTime;
    this.stderrIsTerminal = stderrIsTerminal;
    this.stdin = stdin;
  }

  /** Why a file cannot be read, in a few words. */
  private static String whyUnreadable(Path file) {
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (Files.isDirectory(file)) {
      return "is a directory";
    }
    return "permission denied";
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean fromStdin = "-".equals(input.toString());
    if (!fromStdin && (!Files.isReadable(input) || Files.isDirectory(input))) {
      err.println("replay: cannot read " + input + ": " + whyUnreadable(input));
      err.flush();
      return 1;
    }
    String source = fromStdin ? "standard input" : input.toString();
    PresenceCodec codec = PresenceCodec.create();
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    Instant lastReceived = Instant.EPOCH;
    ReplayProgress progress;
    try {
      progress = showProgress() && !fromStdin // the progress needs the size to estimate
          ? ReplayProgress.shown(err, Files.size(input), emit == Emit.events ? "events" : "states", nanoTime)
          : ReplayProgress.hidden(err);
    } catch (IOException e) {
      err.println("replay: cannot read " + input + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    int index = -1;
    long decoded = 0;
    long skipped = 0;
    try (JsonLines lines = new JsonLines(fromStdin ? stdin.get() : Files.newInputStream(input), MAX_LINE_BYTES)) {
      for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
        index++;
        if (line.problem() != null) {
          skipped++;
          progress.malformed(line.byteLength(), "line " + (index + 1) + ": skipped: " + line.problem());
          continue;
        }
        // a UTF-8 byte order mark, as some editors write, is not part of the first line
        String text = index == 0 && line.text().startsWith("\uFEFF") ? line.text().substring(1) : line.text();
        if (text.isBlank()) {
          progress.blank(line.byteLength());
          continue;
        }
        Notification notification;
        try {
          notification = codec.decodeMessage(text);
        } catch (DecodeException e) {
          skipped++;
          progress.malformed(line.byteLength(), "line " + (index + 1) + ": skipped ("
              + e.reason().name().toLowerCase(Locale.ROOT) + "): " + e.getMessage());
          continue;
        }
        decoded++;
        Instant receivedAt = notification.timestamp() != null ? notification.timestamp() : lastReceived;
        lastReceived = receivedAt;
        Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(notification, receivedAt));
        if (emit == Emit.events) {
          for (PresenceEvent event : outcome.events()) {
            writeLine(out, codec.encodeEvent(event));
          }
          progress.decoded(line.byteLength(), outcome.events().size());
        } else {
          ExtensionState state = tracker.state(notification.extensionId()).orElseThrow();
          writeLine(out, stateLine(codec, index, outcome, state));
          progress.decoded(line.byteLength(), 1);
        }
      }
      out.flush(); // the output before the summary, in case both go to the same terminal
      progress.finish();
    } catch (IOException e) {
      progress.note("replay: reading " + source + " failed: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
    if (decoded == 0 && skipped > 0) {
      err.println("replay: nothing decoded: " + skipped + (skipped == 1 ? " line" : " lines")
          + " skipped, no notification in " + source);
      err.flush();
      return 1;
    }
    return 0;
  }

  private boolean showProgress() {
    return progressOption != null ? progressOption : stderrIsTerminal.getAsBoolean();
  }

  /** One {@code --emit state} line, written by the codec next to the state JSON so both always agree. */
  private static String stateLine(PresenceCodec codec, int index, Outcome outcome, ExtensionState state) {
    return codec.encodeReplayLine(
        index,
        outcome.applied(),
        outcome.dropReason() == null ? null : outcome.dropReason().name().toLowerCase(Locale.ROOT),
        state);
  }

  /** Writes without the autoflush of println: one flush at the end, not one per line. */
  private static void writeLine(PrintWriter out, String line) {
    out.write(line);
    out.write('\n');
  }
}
