package io.presencestream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;

/** {@code presence-stream replay} run in this JVM, as the command line runs it, with its output captured. */
final class ReplayRuns {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayRuns() {}

  /** What one run returned and wrote. */
  record Run(int exitCode, String out, String err) {
    List<JsonNode> lines() throws Exception {
      List<JsonNode> nodes = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isBlank()) {
          nodes.add(JSON.readTree(line));
        }
      }
      return nodes;
    }
  }

  static Run replay(String... args) {
    return replay(false, null, args);
  }

  /**
   * Runs with a fake time source for the progress, advancing {@code tick} on every reading (the real one
   * when null), and {@code stderrIsTerminal} as the answer to whether stderr is a terminal.
   */
  static Run replay(boolean stderrIsTerminal, Duration tick, String... args) {
    return replay(stderrIsTerminal, tick, InputStream::nullInputStream, args);
  }

  /** The same, with {@code stdin} as what {@code --input -} reads. */
  static Run replay(boolean stderrIsTerminal, Duration tick, Supplier<InputStream> stdin, String... args) {
    AtomicLong nanos = new AtomicLong();
    LongSupplier time = tick == null ? System::nanoTime : () -> nanos.addAndGet(tick.toNanos());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == ReplayCommand.class) {
          return type.cast(new ReplayCommand(time, () -> stderrIsTerminal, stdin, () -> out, stop -> () -> {}));
        }
        return CommandLine.defaultFactory().create(type);
      }
    };
    int exitCode = new CommandLine(new Main(), factory).setErr(new PrintWriter(err)).execute(args);
    return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
