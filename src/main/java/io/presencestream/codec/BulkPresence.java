package io.presencestream.codec;

import io.presencestream.model.PresenceUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Splits RingCentral's answer to a presence read of one or several extensions into presences. A batch is
 * answered as {@code multipart/mixed} whose first part is a status summary ({@code response}) and each
 * further part one extension's presence, or an error ({@code errorCode}) for an extension it could not
 * answer for; a JSON {@code records} list is read too.
 */
final class BulkPresence {

  private BulkPresence() {}

  static List<PresenceUpdate> decode(
      PresenceCodec codec, byte[] bytes, boolean single, Consumer<DecodeException> skipped) {
    List<PresenceUpdate> result = new ArrayList<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{")) {
      if (single || !trimmed.contains("\"records\"")) {
        add(codec, result, bytes, skipped);
      } else {
        try {
          result.addAll(codec.decodeAccountPresencePage(bytes).records());
        } catch (DecodeException e) {
          skipped.accept(e);
        }
      }
      return result;
    }
    if (trimmed.startsWith("--")) {
      String boundary = trimmed.substring(0, trimmed.indexOf('\n') < 0 ? trimmed.length() : trimmed.indexOf('\n')).trim();
      String[] parts = trimmed.split(Pattern.quote(boundary));
      boolean summarySkipped = false;
      for (String part : parts) {
        int bodyStart = part.indexOf("\r\n\r\n");
        int skip = 4;
        if (bodyStart < 0) {
          bodyStart = part.indexOf("\n\n");
          skip = 2;
        }
        if (bodyStart < 0) {
          continue;
        }
        String body = part.substring(bodyStart + skip).trim();
        if (!body.startsWith("{")) {
          continue;
        }
        if (!summarySkipped) {
          summarySkipped = true;
          if (body.toLowerCase(Locale.ROOT).contains("\"response\"")) {
            continue;
          }
        }
        if (body.contains("\"errorCode\"")) {
          // An extension the server could not answer for (404): left out, as documented.
          continue;
        }
        add(codec, result, body.getBytes(StandardCharsets.UTF_8), skipped);
      }
    }
    return result;
  }

  private static void add(
      PresenceCodec codec, List<PresenceUpdate> result, byte[] json, Consumer<DecodeException> skipped) {
    try {
      result.add(codec.decodeExtensionPresence(json));
    } catch (DecodeException e) {
      skipped.accept(e);
    }
  }
}
