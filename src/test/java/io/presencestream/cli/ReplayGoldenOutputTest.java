package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code replay} writes is pinned byte for byte: a fixed recording of simulator traffic with every
 * kind of line a recording can hold (see {@code replay/golden/make_corpus.py}) is replayed by a real
 * {@code presence-stream} process, and its stdout must match the digests in {@code replay/golden/*.golden},
 * recorded from the command as it was before its output path was rewritten for speed. stderr (the skipped
 * lines' reports) is pinned verbatim. The output is compared in blocks of {@value #BLOCK} lines, so a
 * failure names the first block that differs.
 *
 * <p>An intended change of the output (the engine deriving other events, the schema growing a field)
 * regenerates the files with {@code -Dreplay.golden.write=true}; the diff of the golden files then shows
 * which blocks moved.
 */
class ReplayGoldenOutputTest {

  private static final String DIR = "/replay/golden/";
  private static final int BLOCK = 250;

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"events", "state"})
  void replayWritesExactlyTheRecordedBytes(String emit) throws Exception {
    Path corpus = tmp.resolve("corpus.jsonl");
    try (InputStream in = new GZIPInputStream(resource("corpus.jsonl.gz"))) {
      Files.copy(in, corpus);
    }

    Result run = ReplayProcess.run(List.of("replay", "--input", corpus.toString(), "--emit", emit, "--no-progress"));

    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
    List<String> actual = describe(run.out(), run.err());
    if (Boolean.getBoolean("replay.golden.write")) {
      Path file = Path.of("src/test/resources" + DIR + emit + ".golden");
      Files.write(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).containsExactlyElementsOf(golden(emit));
  }

  /** The output as lines: its count, its digest, the digest of each block of lines, then stderr. */
  private static List<String> describe(byte[] out, String err) {
    List<String> lines = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n' && i + 1 < out.length) {
        starts.add(i + 1);
      }
    }
    int count = out.length == 0 ? 0 : starts.size();
    lines.add("bytes " + out.length + ", lines " + count + ", ends with newline " + (out.length > 0 && out[out.length - 1] == '\n'));
    lines.add("sha256 " + sha256(out, 0, out.length));
    for (int b = 0; b < count; b += BLOCK) {
      int from = starts.get(b);
      int to = b + BLOCK < count ? starts.get(b + BLOCK) : out.length;
      lines.add("lines " + b + "-" + (Math.min(b + BLOCK, count) - 1) + " " + sha256(out, from, to - from));
    }
    err.lines().forEach(l -> lines.add("err " + l));
    return lines;
  }

  private static List<String> golden(String emit) throws IOException {
    try (InputStream in = resource(emit + ".golden")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ReplayGoldenOutputTest.class.getResourceAsStream(DIR + name);
    assertThat(in).as("resource %s%s", DIR, name).isNotNull();
    return in;
  }

  private static String sha256(byte[] bytes, int offset, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, offset, length);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a finished process wrote and returned. */
  record Result(int exitCode, byte[] out, String err) {}

  /** {@code presence-stream} as its own JVM, on the test classpath, in a UTF-8 locale. */
  static final class ReplayProcess {

    private ReplayProcess() {}

    static ProcessBuilder builder(List<String> args) {
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-cp", classpath, "io.presencestream.cli.Main"));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("LANG", "C.UTF-8");
      builder.environment().put("LC_ALL", "C.UTF-8");
      return builder;
    }

    static Result run(List<String> args) throws Exception {
      Process process = builder(args).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> out = drain(process.getInputStream());
      CompletableFuture<byte[]> err = drain(process.getErrorStream());
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("replay finished within 120 s").isTrue();
      return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS),
          new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    /** Reads a pipe to its end on a thread of its own, so neither pipe can fill up and stall the process. */
    static CompletableFuture<byte[]> drain(InputStream in) {
      return CompletableFuture.supplyAsync(() -> {
        try (in) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          in.transferTo(bytes);
          return bytes.toByteArray();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, task -> {
        Thread reader = new Thread(task, "replay-process-reader");
        reader.setDaemon(true);
        reader.start();
      });
    }
  }
}
