package io.presencestream.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  DeadLetterFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  synchronized void append(String target, String reason, int attempts, List<String> eventJsons) {
    StringBuilder lines = new StringBuilder();
    String failedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    for (String event : eventJsons) {
      ObjectNode line = JSON.createObjectNode();
      line.put("failedAt", failedAt);
      line.put("target", target);
      line.put("reason", reason);
      line.put("attempts", attempts);
      line.putRawValue("event", new RawValue(event));
      lines.append(line).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
