package io.presencestream.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What is logged while it is open. Tests log through slf4j-simple, which writes to whatever
 * {@code System.err} is at the time of each line; this puts a tee there (the console still gets every
 * line) and restores the original on {@link #close()}.
 *
 * <pre>{@code
 * try (CapturedLog log = CapturedLog.start()) {
 *   ...
 *   assertThat(log.lines()).anyMatch(line -> line.contains("listening on"));
 * }
 * }</pre>
 */
public final class CapturedLog implements AutoCloseable {

  private final PrintStream original;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

  private CapturedLog() {
    original = System.err;
    System.setErr(new PrintStream(new Tee(original, buffer), true, StandardCharsets.UTF_8));
  }

  public static CapturedLog start() {
    return new CapturedLog();
  }

  /** Everything logged so far. */
  public String text() {
    synchronized (buffer) {
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }

  /** Everything logged so far, a line each. */
  public List<String> lines() {
    return Arrays.stream(text().split("\\R")).filter(line -> !line.isEmpty()).toList();
  }

  /** The lines containing every one of {@code parts}. */
  public List<String> linesWith(String... parts) {
    return lines().stream().filter(line -> Arrays.stream(parts).allMatch(line::contains)).toList();
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream console;
    private final ByteArrayOutputStream copy;

    Tee(OutputStream console, ByteArrayOutputStream copy) {
      this.console = console;
      this.copy = copy;
    }

    @Override
    public void write(int c) throws IOException {
      console.write(c);
      synchronized (copy) {
        copy.write(c);
      }
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      console.write(bytes, off, len);
      synchronized (copy) {
        copy.write(bytes, off, len);
      }
    }
  }
}
