package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README "Architecture": the codec is the only place that knows JSON field names. Every JSON body is read
 * or written with Jackson, so a Jackson import outside {@code io.presencestream.codec} is where a field
 * name would leak out of it; this test fails naming those files, so the rule cannot rot silently.
 */
class CodecOwnsJsonTest {

  private static final Path MAIN = Paths.get("src", "main", "java", "io", "presencestream");

  private static final Pattern JACKSON_IMPORT =
      Pattern.compile("^\\s*import\\s+(static\\s+)?com\\.fasterxml\\.jackson\\.", Pattern.MULTILINE);

  /**
   * The one exception: the daemon reads its YAML configuration with jackson-dataformat-yaml into a tree
   * and walks it by the configuration's key paths. That is configuration, not a JSON body on the wire.
   */
  private static final Set<Path> ALLOWED =
      Set.of(MAIN.resolve("daemon/ConfigLoader.java"), MAIN.resolve("daemon/ConfigNode.java"));

  @Test
  void noSourceOutsideTheCodecImportsJackson() throws IOException {
    assertThat(MAIN).as("run from the project root").isDirectory();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(MAIN)) {
      offenders = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.startsWith(MAIN.resolve("codec")))
          .filter(p -> !ALLOWED.contains(p))
          .filter(CodecOwnsJsonTest::importsJackson)
          .map(Path::toString)
          .sorted()
          .toList();
    }
    assertThat(offenders)
        .as("JSON is read and written in io.presencestream.codec only; move these to a codec writer/reader")
        .isEmpty();
  }

  @Test
  void theExceptionsStillExistSoTheyDoNotOutliveTheirReason() {
    assertThat(ALLOWED).allSatisfy(p -> assertThat(p).exists());
  }

  private static boolean importsJackson(Path file) {
    try {
      return JACKSON_IMPORT.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
