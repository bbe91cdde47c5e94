package io.presencestream.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The RingCentral payloads of {@code src/test/resources/ringcentral-samples} (a copy of the team's
 * reference set, provenance in its PROVENANCE.md files), by path relative to that folder.
 */
final class Samples {

  private static final Path ROOT = root();

  private Samples() {}

  private static Path root() {
    URL url = Samples.class.getResource("/ringcentral-samples/PROVENANCE.md");
    if (url == null) {
      throw new IllegalStateException("ringcentral-samples missing from the test classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every {@code .json} file, e.g. {@code fixtures/ringcentral-mock__ws__serverNotification.json}. */
  static List<String> all() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .map(f -> ROOT.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(ROOT.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }
}
