package io.presencestream.cli;

import io.presencestream.codec.JsonLineBuffer;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.TelephonySessionCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.Outcome;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonySessionNotification;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 * output. The engine is the pure {@link PresenceTracker}, fed line by line — no clock. Decoding runs
 * one batch of lines ahead on a second thread ({@link ReplayDecoder}); the engine sees the lines in file
 * order, so the output does not depend on the threads.
 *
 * <p>Output, JSON lines on stdout: with {@code --emit events} the derived events in
 * presence-stream's event schema; with {@code --emit state}, after every input line that decoded, one
 * line {@code {"index", "extensionId", "applied", "dropReason", "sequence", "presence", "calls",
 * "updatedAt"}} where {@code index} is the 0-based line index in the file and the rest is the
 * extension's state after that line. With {@code --emit sessions} the lines are telephony-session
 * notifications, folded by the {@link io.presencestream.engine.SessionTracker}, and every line that is not
 * blank gives one line {@code {"index", "ownerId", "telephonySessionId", "applied", "dropReason", "error",
 * "session"}} ({@link SessionReplay}); one that does not decode gives it too, with {@code error} set. A line
 * that does not decode is reported on stderr with its (1-based) line number and skipped; the exit code is
 * still 0. The first notification without a {@code timestamp} before any line that has one is reported once
 * (it is taken as received at the epoch).
 *
 * <p>Ctrl-C (SIGINT) or SIGTERM stops the replay after the line in hand: stdout gets every line
 * derived so far and never half a line, the progress line is ended, and the exit code is 128 + the
 * signal's number (130, 143). A second signal stops at once.
 *
 * <p>Progress (lines, rate, share of the file, time left, then a summary) goes to stderr when stderr
 * is a terminal, or always with {@code --progress}, never with {@code --no-progress}; stdout is the
 * same either way. Only the progress reads a clock, never the engine.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replays recorded presence notifications (or, with --emit sessions, telephony-session "
        + "notifications) as JSON lines through the engine and writes the derived events, states or sessions "
        + "as JSON lines to stdout, or the events to the history database (--sink db).")
final class ReplayCommand implements Callable<Integer> {

  /** What to write for each input line. */
  enum Emit {
    events,
    state,
    sessions
  }


  /**
   * Lines longer than this are skipped unread (the codec refuses messages over 1 MiB anyway); the bound
   * keeps one runaway line — a file without line breaks — from filling the heap.
   */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  /** Output is handed to stdout in whole lines, in chunks of about this size. */
  static final int OUTPUT_CHUNK_BYTES = 64 * 1024;

  /** Decoded batches the decoder may run ahead of the engine: a bound on memory, and slack for both. */
  static final int QUEUED_BATCHES = 16;

  @Spec
  private CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE",
      description = "JSON lines: notification envelopes or WebSocket frame arrays [header, envelope]; - reads standard input.")
  private Path input;

  @Option(names = "--emit", defaultValue = "events", paramLabel = "events|state|sessions",
      description = "events (default): the derived events; state: the extension's state after every line; "
          + "sessions: the input is telephony-session notifications, and after every line its owner's view "
          + "of the session.")
  private Emit emit;

  /** Where the derived events go. */
  enum Sink {
    stdout,
    db
  }

  @Option(names = "--sink", defaultValue = "stdout", paramLabel = "stdout|db",
      description = "stdout (default): JSON lines; db: the history database (backfill), as --config's "
          + "sinks.database says, else the embedded H2 history/presence. Only with --emit events.")
  private Sink sink;

  @Option(names = "--config", paramLabel = "FILE",
      description = "With --sink db: the daemon's YAML configuration whose sinks.database is written to.")
  private Path config;

  @Option(names = "--progress", negatable = true,
      description = "Show progress on stderr (lines, rate, time left, then a summary). Default: only when "
          + "stderr is a terminal; --no-progress never shows it.")
  /** null: not given, decided by whether stderr is a terminal. */
  private Boolean progressOption;

  private final LongSupplier nanoTime;
  private final BooleanSupplier stderrIsTerminal;
  private final Supplier<InputStream> stdin;
  private final Supplier<OutputStream> stdout;
  private final ReplaySignals.Source interrupts;

  /** The command as the command line runs it: real time, real terminal, the process's stdin, stdout and signals. */
  ReplayCommand() {
    this(System::nanoTime, ReplayProgress::stderrIsTerminal, () -> System.in,
        // the file descriptor itself: System.out's PrintStream would add a lock and a copy per write
        () -> new FileOutputStream(FileDescriptor.out), ReplaySignals::install);
  }

  /**
   * For tests: a fake time source for the progress, a fixed answer to "is stderr a terminal", what
   * {@code --input -} reads, where the output goes, and where a request to stop comes from.
   */
  ReplayCommand(LongSupplier nanoTime, BooleanSupplier stderrIsTerminal, Supplier<InputStream> stdin,
      Supplier<OutputStream> stdout, ReplaySignals.Source interrupts) {
    this.nanoTime = nanoTime;
    this.stderrIsTerminal = stderrIsTerminal;
    this.stdin = stdin;
    this.stdout = stdout;
    this.interrupts = interrupts;
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
    PrintWriter err = spec.commandLine().getErr();
    boolean fromStdin = "-".equals(input.toString());
    if (!fromStdin && (!Files.isReadable(input) || Files.isDirectory(input))) {
      err.println("replay: cannot read " + input + ": " + whyUnreadable(input));
      err.flush();
      return 1;
    }
    String source = fromStdin ? "standard input" : input.toString();
    ReplayHistory history = null;
    if (sink == Sink.db) {
      if (emit != Emit.events) {
        err.println("replay: --sink db stores events; --emit state writes to stdout only");
        err.flush();
        return 2;
      }
      try {
        history = ReplayHistory.open(ReplayHistory.options(config, System.getenv()), PresenceCodec.create());
      } catch (RuntimeException e) {
        err.println("replay: cannot open the history database: " + e.getMessage());
        err.flush();
        return 1;
      }
    } else if (config != null) {
      err.println("replay: --config is for --sink db");
      err.flush();
      return 2;
    }
    try {
      return replayTo(history, err, fromStdin, source);
    } finally {
      if (history != null) {
        history.close();
      }
    }
  }

  private Integer replayTo(ReplayHistory history, PrintWriter err, boolean fromStdin, String source) {
    ReplayProgress progress;
    try {
      progress = showProgress() && !fromStdin // the progress needs the size to estimate
          ? ReplayProgress.shown(err, Files.size(input), writtenNoun(), nanoTime)
          : ReplayProgress.hidden(err);
    } catch (IOException e) {
      err.println("replay: cannot read " + input + ": " + e.getMessage());
      err.flush();
      return 1;
    }
    OutputStream out = new StdoutWrites(stdout.get());
    Run run = new Run(progress, out, Thread.currentThread(), history);
    try (JsonLines lines = new JsonLines(fromStdin ? stdin.get() : Files.newInputStream(input), MAX_LINE_BYTES)) {
      ReplaySignals.Handle signals = interrupts.onInterrupt(run::interrupt);
      try {
        int code = run.replay(lines, source);
        if (history != null) {
          progress.note(history.finish());
        }
        return code;
      } finally {
        signals.close();
      }
    } catch (StdoutWrites.Failed e) { // e.g. the reader of a pipe is gone: "Broken pipe"
      progress.note("replay: writing the output failed: " + e.getCause().getMessage());
      return 1;
    } catch (IOException e) { // opening the input
      progress.note("replay: reading " + source + " failed: " + e.getMessage());
      return 1;
    } finally {
      err.flush();
    }
  }

  /**
   * One replay: the decoder ({@link ReplayDecoder}) on a thread of its own, the engine and the encoder on
   * the calling thread, taking the decoder's batches in order. Output is gathered in a
   * {@link JsonLineBuffer} and handed to stdout in whole lines: in chunks of about
   * {@value #OUTPUT_CHUNK_BYTES} bytes, and whenever the decoder has nothing ready (so a replay of a
   * live pipe shows its output as it comes).
   */
  private final class Run {

    private final ReplayProgress progress;
    private final OutputStream out;
    private final Thread engineThread;
    private final ReplayHistory history;
    private volatile int interruptedBy;
    private boolean timestampReported;
    private Instant lastReceived = Instant.EPOCH;
    private boolean timestampSeen;

    /** @param history where events go instead of {@code out}, or null */
    Run(ReplayProgress progress, OutputStream out, Thread engineThread, ReplayHistory history) {
      this.progress = progress;
      this.out = out;
      this.engineThread = engineThread;
      this.history = history;
    }

    /** From the signal handler: stop after the line in hand. */
    void interrupt(int signalNumber) {
      interruptedBy = signalNumber;
      engineThread.interrupt(); // wakes it if it waits for the decoder
    }

    int replay(JsonLines lines, String source) throws IOException {
      PresenceCodec codec = PresenceCodec.create();
      PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
      SessionReplay sessions = emit == Emit.sessions ? new SessionReplay() : null;
      JsonLineBuffer buffer = codec.newLineBuffer();
      BlockingQueue<ReplayDecoder.Batch> batches = new ArrayBlockingQueue<>(QUEUED_BATCHES);
      ReplayDecoder decoder = new ReplayDecoder(lines, sessions != null
          ? ReplayDecoder.Decoding.sessions(TelephonySessionCodec.create())
          : ReplayDecoder.Decoding.presence(PresenceCodec.create()), batches);
      Thread decoding = new Thread(decoder, "replay-decoder");
      decoding.setDaemon(true); // blocked in a read of standard input, it must not keep the JVM alive
      decoding.start();
      long decoded = 0;
      long skipped = 0;
      IOException failure = null;
      try {
        batches:
        while (true) {
          ReplayDecoder.Batch batch = batches.poll();
          if (batch == null) {
            buffer.writeTo(out);
            batch = batches.take();
          }
          for (int i = 0; i < batch.count; i++) {
            if (interruptedBy != 0) {
              break batches;
            }
            int index = batch.firstIndex + i;
            switch (batch.kinds[i]) {
              case BLANK -> progress.blank(batch.byteLengths[i]);
              case SKIPPED -> {
                skipped++;
                if (sessions != null) {
                  buffer.sessionError(index, batch.errors[i]);
                }
                progress.malformed(batch.byteLengths[i], batch.reports[i], sessions != null ? 1 : 0);
              }
              case DECODED -> {
                decoded++;
                if (sessions != null) {
                  sessions.line(index, (TelephonySessionNotification) batch.values[i], buffer);
                  progress.decoded(batch.byteLengths[i], 1);
                } else {
                  int written = presence(index, (Notification) batch.values[i], tracker, buffer);
                  progress.decoded(batch.byteLengths[i], written);
                }
              }
            }
            if (buffer.size() >= OUTPUT_CHUNK_BYTES) {
              buffer.writeTo(out);
            }
          }
          if (batch.end) {
            failure = batch.failure;
            break;
          }
        }
      } catch (InterruptedException e) {
        if (interruptedBy == 0) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("replay interrupted");
        }
      } finally {
        decoder.stop();
        batches.clear(); // a decoder waiting to hand a batch over sees the stop
        decoding.interrupt();
        Thread.interrupted(); // a signal that came after the last line must not fail the writes below
        buffer.writeTo(out); // whole lines only, so nothing is cut even when stopped
        out.flush();
      }
      if (interruptedBy != 0) {
        progress.interrupted();
        return 128 + interruptedBy;
      }
      if (failure != null) {
        progress.note("replay: reading " + source + " failed: " + failure.getMessage());
        return 1;
      }
      progress.finish();
      if (decoded == 0 && skipped > 0) {
        progress.note("replay: nothing decoded: " + skipped + (skipped == 1 ? " line" : " lines")
            + " skipped, no notification in " + source);
        return 1;
      }
      return 0;
    }

    /** Applies a presence notification and writes its events or its state line; returns the lines written. */
    private int presence(int index, Notification notification, PresenceTracker tracker, JsonLineBuffer buffer) {
      Instant receivedAt = notification.timestamp();
      if (receivedAt != null) {
        timestampSeen = true;
      } else {
        if (!timestampSeen && !timestampReported) {
          timestampReported = true;
          progress.note("line " + (index + 1) + ": no timestamp, and no line before it has one: taken as "
              + "received at " + lastReceived + " (reported once; later lines without one take the "
              + "previous line's)");
        }
        receivedAt = lastReceived;
      }
      lastReceived = receivedAt;
      Outcome outcome = tracker.apply(new EngineInput.NotificationReceived(notification, receivedAt));
      if (history != null) {
        outcome.events().forEach(history::accept);
        return outcome.events().size();
      }
      if (emit == Emit.events) {
        for (PresenceEvent event : outcome.events()) {
          buffer.event(event);
        }
        return outcome.events().size();
      }
      ExtensionState state = tracker.state(notification.extensionId()).orElseThrow();
      buffer.replayLine(index, outcome.applied(), outcome.dropReason() == null ? null
          : outcome.dropReason().name().toLowerCase(Locale.ROOT), state);
      return 1;
    }
  }

  /** stdout, with its failures told apart from the input's. */
  private static final class StdoutWrites extends FilterOutputStream {

    /** A write to stdout failed; the cause says why. */
    static final class Failed extends IOException {
      Failed(IOException cause) {
        super(cause);
      }
    }

    StdoutWrites(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new Failed(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw new Failed(e);
      }
    }
  }

  /** What the output lines are, for the summary. */
  private String writtenNoun() {
    return switch (emit) {
      case events -> "events";
      case state -> "states";
      case sessions -> "session lines";
    };
  }

  private boolean showProgress() {
    return progressOption != null ? progressOption : stderrIsTerminal.getAsBoolean();
  }
}
