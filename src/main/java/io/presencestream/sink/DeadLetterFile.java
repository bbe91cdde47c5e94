package io.presencestream.sink;

import io.presencestream.codec.HttpJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Appends what finally failed as JSON lines:
 * {@code {"failedAt":T,"target":URL,"reason":"HTTP 500","attempts":5,"event":EVENT}}. Blocking: call it
 * off event loops. Writes are rare, so each opens, appends and closes the file (nothing to leak).
 */
final class DeadLetterFile {

  private final Path file;

  DeadLetterFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  synchronized void append(String target, String reason, int attempts, List<String> eventJsons) throws IOException {
    StringBuilder lines = new StringBuilder();
    String failedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    for (String event : eventJsons) {
      lines.append(HttpJson.deadLetter(failedAt, target, reason, attempts, event)).append('\n');
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
