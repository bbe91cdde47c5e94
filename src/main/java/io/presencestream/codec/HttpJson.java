package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.presencestream.model.ExtensionInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The small JSON bodies of presence-stream's own HTTP surface (docs/http-api.md) and of the simulator's
 * control API: error bodies, the extension directory, readiness, the SSE gap notice, dead-letter lines.
 * Kept here so that the codec stays the only place that knows JSON field names; callers hand over values
 * and get compact UTF-8 JSON back, with strings escaped by Jackson. Stateless and thread-safe.
 */
public final class HttpJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * One readiness check's outcome, as the readiness body reports it.
   *
   * @param up whether the check passes ({@code "UP"}) or not ({@code "DOWN"})
   * @param detail what the check says about itself, or null
   */
  public record Check(boolean up, String detail) {}

  private HttpJson() {}

  /**
   * {@code {"error":code,"message":message}}: every error body of the server and the simulator.
   *
   * @param code a short machine-readable word, e.g. {@code bad_request}; null writes JSON null
   * @param message what went wrong, for a person; null writes JSON null
   * @return the body as compact JSON
   */
  public static String error(String code, String message) {
    return write(64 + length(code) + length(message), g -> {
      g.writeStartObject();
      g.writeStringField("error", code);
      g.writeStringField("message", message);
      g.writeEndObject();
    });
  }

  /**
   * The liveness body.
   *
   * @param up whether the process is alive
   * @return {@code {"status":"UP"}} or {@code {"status":"DOWN"}}
   */
  public static String status(boolean up) {
    return up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}";
  }

  /**
   * The body of {@code GET /api/extensions}.
   *
   * @param extensions the directory, written in iteration order
   * @return {@code [{"extensionId":…,"extensionNumber":…,"name":…,"department":…}, …]}, {@code department}
   *     only when known
   */
  public static String directory(Iterable<ExtensionInfo> extensions) {
    return write(256, g -> {
      g.writeStartArray();
      for (ExtensionInfo info : extensions) {
        g.writeStartObject();
        g.writeStringField("extensionId", info.extensionId());
        g.writeStringField("extensionNumber", info.extensionNumber());
        g.writeStringField("name", info.name());
        if (info.department() != null) {
          g.writeStringField("department", info.department()); // left out when unknown: older readers see no change
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  /**
   * {@code {"status":"UP"|"DOWN","checks":{name:{"status":…,"detail":…}},"sinks":{…}}}: the readiness
   * body, with checks and sinks in the maps' iteration order.
   *
   * @param up the overall verdict
   * @param checks the readiness checks by name (source, hub, …)
   * @param sinks the sinks' health by name
   * @return the body as compact JSON
   */
  public static String readiness(boolean up, Map<String, Check> checks, Map<String, Check> sinks) {
    return write(128, g -> {
      g.writeStartObject();
      g.writeStringField("status", up ? "UP" : "DOWN");
      g.writeFieldName("checks");
      checks(g, checks);
      g.writeFieldName("sinks");
      checks(g, sinks);
      g.writeEndObject();
    });
  }

  /**
   * {@code {"fromId":…,"toId":…,"missed":…,"reason":…}}: the data of an SSE {@code gap} event. Written
   * without a generator: a gap is framed on the hub's overflow path, where a slow client is already
   * costing time, and holds three numbers and one word.
   *
   * @param fromId the id of the first event the client missed
   * @param toId the id of the last event the client missed
   * @param missed how many events were missed
   * @param reason why, a lowercase word (e.g. {@code overflow}); escaped
   * @return the event's data as compact JSON
   */
  public static String gap(long fromId, long toId, long missed, String reason) {
    return "{\"fromId\":" + fromId + ",\"toId\":" + toId + ",\"missed\":" + missed + ",\"reason\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(reason)) + "\"}";
  }

  /**
   * {@code {"failedAt":…,"target":…,"reason":…,"attempts":…,"event":EVENT}}: one dead-letter line, with
   * {@code eventJson} embedded as is (it is already an encoded event).
   *
   * @param failedAt when delivery was given up, as an ISO-8601 instant
   * @param target where the event was to go (a webhook URL, without credentials)
   * @param reason why the last attempt failed
   * @param attempts how many deliveries were tried
   * @param eventJson the event as {@link PresenceCodec#encodeEvent} wrote it; must be valid JSON
   * @return the line as compact JSON, without a line terminator
   */
  public static String deadLetter(String failedAt, String target, String reason, int attempts, String eventJson) {
    return write(128 + length(eventJson), g -> {
      g.writeStartObject();
      g.writeStringField("failedAt", failedAt);
      g.writeStringField("target", target);
      g.writeStringField("reason", reason);
      g.writeNumberField("attempts", attempts);
      g.writeFieldName("event");
      g.writeRawValue(eventJson);
      g.writeEndObject();
    });
  }

  /**
   * The simulator's traffic rate, as its control API reports it.
   *
   * @param rate notifications per second
   * @return {@code {"rate":rate}}
   */
  public static String rate(double rate) {
    return write(32, g -> {
      g.writeStartObject();
      g.writeNumberField("rate", rate);
      g.writeEndObject();
    });
  }

  /**
   * The simulator's acknowledgement of a fault.
   *
   * @param fault the fault's name as requested
   * @return {@code {"applied":fault}}
   */
  public static String applied(String fault) {
    return write(32 + length(fault), g -> {
      g.writeStartObject();
      g.writeStringField("applied", fault);
      g.writeEndObject();
    });
  }

  private static void checks(JsonGenerator g, Map<String, Check> checks) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Check> check : checks.entrySet()) {
      g.writeFieldName(check.getKey());
      g.writeStartObject();
      g.writeStringField("status", check.getValue().up() ? "UP" : "DOWN");
      g.writeStringField("detail", check.getValue().detail());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static int length(String s) {
    return s == null ? 4 : s.length();
  }

  private static String write(int expectedSize, JsonBytes.DocumentWriter writer) {
    return new String(JsonBytes.write(FACTORY, expectedSize, writer), StandardCharsets.UTF_8);
  }
}
