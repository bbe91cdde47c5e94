package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.presencestream.model.AgentDay;
import io.presencestream.model.CallRecord;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.Labeled;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.SessionResult;
import io.presencestream.model.StateSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * The history's JSON: call records as the history API answers them, and the lines of the history sink's
 * spill file (events kept on local disk while the database cannot take them). Stateless and thread-safe.
 *
 * <pre>{@code
 * String body = HistoryJson.callPage(page.calls(), page.nextCursor(), ZoneId.of("Europe/Paris"));
 * }</pre>
 */
public final class HistoryJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // a spill line holds one event (bounded by the codec's limits) and one call record
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(4 << 20).build())
          .build();

  /** Milliseconds always, and the zone's offset ({@code Z} for UTC), so that every time sorts and reads alike. */
  private static final DateTimeFormatter ZONED_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

  private HistoryJson() {}

  /**
   * An event as the history stores it: the event's JSON as {@link PresenceCodec#encodeEvent} wrote it, the
   * columns read from it, and the call record it completed, if any. The spill file holds these, one a line.
   *
   * @param eventId the event's key: the same event always has the same id, so writing it twice stores it once
   * @param kind the event's kind ({@code call.ended}, …)
   * @param extensionId the extension it is about
   * @param at the event's time
   * @param callId the call it is about, or null
   * @param eventJson the event's JSON, verbatim
   * @param call the call record this event completed (a {@code call.ended}), or null
   * @param seq the order it arrived in: the instant the sink accepted it, in microseconds since the epoch, made
   *     strictly increasing by the writer (see {@link #seqOf(Instant)} for an event whose arrival is unknown)
   * @param span the agent state span this event closed (an {@code agent.state}), or null
   * @param queueCall the queue call this event ended (a {@code queue.call.ended}), or null
   */
  public record StoredEvent(
      String eventId, String kind, String extensionId, Instant at, String callId, String eventJson, CallRecord call,
      long seq, StateSpan span, QueueCallOutcome queueCall) {
    /**
     * Requires the key, the columns every event has and the JSON.
     *
     * @param eventId as above
     * @param kind as above
     * @param extensionId as above
     * @param at as above
     * @param callId as above
     * @param eventJson as above
     * @param call as above
     * @param seq as above
     * @param span as above
     * @param queueCall as above
     * @throws NullPointerException if {@code eventId}, {@code kind}, {@code extensionId}, {@code at} or
     *     {@code eventJson} is null
     */
    public StoredEvent {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(extensionId, "extensionId");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(eventJson, "eventJson");
    }

    /**
     * An event whose arrival is not known (a spill line written before arrival order was kept): ordered by
     * its own time, {@link #seqOf(Instant)}, as the history's migration orders the rows stored before it.
     *
     * @param eventId as above
     * @param kind as above
     * @param extensionId as above
     * @param at as above
     * @param callId as above
     * @param eventJson as above
     * @param call as above
     */
    public StoredEvent(
        String eventId, String kind, String extensionId, Instant at, String callId, String eventJson, CallRecord call) {
      this(eventId, kind, extensionId, at, callId, eventJson, call, seqOf(Objects.requireNonNull(at, "at")), null, null);
    }

    /**
     * The order value of an instant: microseconds since the epoch (the scale of {@link #seq()}).
     *
     * @param instant the instant
     * @return its microseconds since the epoch
     */
    public static long seqOf(Instant instant) {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * An event that closed no span and ended no queue call.
     *
     * @param eventId as above
     * @param kind as above
     * @param extensionId as above
     * @param at as above
     * @param callId as above
     * @param eventJson as above
     * @param call as above
     * @param seq as above
     */
    public StoredEvent(String eventId, String kind, String extensionId, Instant at, String callId, String eventJson,
        CallRecord call, long seq) {
      this(eventId, kind, extensionId, at, callId, eventJson, call, seq, null, null);
    }
  }

  /**
   * One interval of a queue's history ({@code GET /api/history/queues/{id}}).
   *
   * @param from the interval's start, inclusive
   * @param to its end, exclusive
   * @param figures the live figures' {@code FIGURES}, for this interval
   * @param longestWait the longest wait of the calls that left the queue in it, null when none did
   */
  public record QueueInterval(Instant from, Instant to, QueueFigures figures, Duration longestWait) {
    /**
     * Requires the bounds and the figures.
     *
     * @param from as above
     * @param to as above
     * @param figures as above
     * @param longestWait as above
     * @throws NullPointerException if {@code from}, {@code to} or {@code figures} is null
     */
    public QueueInterval {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(figures, "figures");
    }
  }

  /**
   * The body of {@code GET /api/history/agents/{id}/day}: the live {@code DAY} of
   * {@code /api/agents/{id}/timeline}, with the timeline's times in {@code zone}.
   *
   * @param day the agent's day
   * @param zone the zone the times are written in
   * @return the body as compact JSON
   */
  public static String agentDay(AgentDay day, ZoneId zone) {
    return write(512 + 128 * day.timeline().size(), g -> ContactCentreFields.writeDay(g, day, true, zone));
  }

  /**
   * The body of {@code GET /api/history/queues/{id}}: {@code {"queueId","interval","from","to",
   * "intervals":[{"from","to",FIGURES…,"longestWaitMs"}…]}}.
   *
   * @param queueId the queue
   * @param interval the interval's name ({@code 15m}, {@code 1h}, {@code 1d})
   * @param intervals the intervals, in order
   * @param zone the zone the times are written in
   * @return the body as compact JSON
   */
  public static String queueIntervals(String queueId, String interval, List<QueueInterval> intervals, ZoneId zone) {
    return write(256 + 320 * intervals.size(), g -> {
      g.writeStartObject();
      g.writeStringField("queueId", queueId);
      g.writeStringField("interval", interval);
      g.writeStringField("from", intervals.isEmpty() ? null : time(intervals.get(0).from(), zone));
      g.writeStringField("to", intervals.isEmpty() ? null : time(intervals.get(intervals.size() - 1).to(), zone));
      g.writeFieldName("intervals");
      g.writeStartArray();
      for (QueueInterval i : intervals) {
        g.writeStartObject();
        g.writeStringField("from", time(i.from(), zone));
        g.writeStringField("to", time(i.to(), zone));
        ContactCentreFields.writeFigureFields(g, i.figures());
        millis(g, "longestWaitMs", i.longestWait());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * A time as the history API writes it: ISO-8601 with milliseconds and the zone's offset at that instant,
   * e.g. {@code 2026-11-26T11:00:00.000+01:00} ({@code …Z} in UTC).
   *
   * @param time the instant
   * @param zone the account's zone
   * @return the text
   */
  public static String time(Instant time, ZoneId zone) {
    return ZONED_MILLIS.format(time.atZone(zone));
  }

  /**
   * The body of {@code GET /api/history/calls}: {@code {"calls":[CALL…],"nextCursor":string|null}}.
   *
   * @param calls the page's records, written in order
   * @param nextCursor what to pass as {@code cursor} for the next page, or null on the last page
   * @param zone the zone the times are written in
   * @return the body as compact JSON
   */
  public static String callPage(List<CallRecord> calls, String nextCursor, ZoneId zone) {
    return write(128 + 512 * calls.size(), g -> {
      g.writeStartObject();
      g.writeFieldName("calls");
      g.writeStartArray();
      for (CallRecord call : calls) {
        writeCall(g, call, zone);
      }
      g.writeEndArray();
      g.writeStringField("nextCursor", nextCursor);
      g.writeEndObject();
    });
  }

  /**
   * One call record: {@code {"extensionId","callId","sessionId","telephonySessionId","direction","from",
   * "fromName","to","toName","queueCall","queueId","startTime","answerTime","endTime","durationMs","ringMs",
   * "talkMs","holdMs","result","endReason","mergedInto"}}, every key present, absent values null.
   *
   * @param call the record
   * @param zone the zone the times are written in
   * @return the record as compact JSON
   */
  public static String callRecord(CallRecord call, ZoneId zone) {
    return write(512, g -> writeCall(g, call, zone));
  }

  /**
   * One line of the spill file: {@code {"eventId","kind","extensionId","at","callId","seq","call":CALL|null,
   * "span":SPAN (when it closed one),"queueCall":QUEUECALL (when it ended one),"event":EVENT}}, with the
   * event's JSON embedded as it is.
   *
   * @param event the stored event
   * @return the line, without a line terminator (JSON never holds a raw line break)
   */
  public static String spillLine(StoredEvent event) {
    return write(256 + event.eventJson().length(), g -> {
      g.writeStartObject();
      g.writeStringField("eventId", event.eventId());
      g.writeStringField("kind", event.kind());
      g.writeStringField("extensionId", event.extensionId());
      g.writeStringField("at", Times.formatMillis(event.at()));
      g.writeStringField("callId", event.callId());
      g.writeNumberField("seq", event.seq());
      g.writeFieldName("call");
      if (event.call() == null) {
        g.writeNull();
      } else {
        writeCall(g, event.call(), ZoneOffset.UTC);
      }
      if (event.span() != null) {
        g.writeFieldName("span");
        ContactCentreFields.writeSpan(g, event.span(), null);
      }
      if (event.queueCall() != null) {
        g.writeFieldName("queueCall");
        ContactCentreFields.writeQueueCall(g, event.queueCall());
      }
      g.writeFieldName("event");
      g.writeRawValue(event.eventJson());
      g.writeEndObject();
    });
  }

  /**
   * Reads a line that {@link #spillLine} wrote. The event's JSON comes back verbatim (the same characters),
   * so that it is stored exactly as it would have been without the detour.
   *
   * @param line one line of a spill file
   * @return the stored event
   * @throws DecodeException if the line is not such a line (e.g. cut short by a crash while it was written)
   */
  public static StoredEvent readSpillLine(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "a spill line must be a JSON object");
      String eventId = null;
      String kind = null;
      String extensionId = null;
      Instant at = null;
      String callId = null;
      Long seq = null;
      CallRecord call = null;
      StateSpan span = null;
      QueueCallOutcome queueCall = null;
      ParserValues.Problems problems = new ParserValues.Problems();
      String eventJson = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "eventId" -> eventId = p.getValueAsString();
          case "kind" -> kind = p.getValueAsString();
          case "extensionId" -> extensionId = p.getValueAsString();
          case "at" -> at = value == JsonToken.VALUE_NULL ? null : Times.parse(p.getText());
          case "callId" -> callId = p.getValueAsString();
          case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
          case "call" -> call = value == JsonToken.VALUE_NULL ? null : readCall(p);
          case "span" -> span = ContactCentreFields.span(p, value, problems, "span");
          case "queueCall" -> queueCall = ContactCentreFields.readQueueCall(p, value, problems, "queueCall");
          case "event" -> {
            expect(value == JsonToken.START_OBJECT, "event must be a JSON object");
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getCharOffset();
            eventJson = line.substring(start, end);
          }
          default -> p.skipChildren();
        }
      }
      expect(p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null, "a spill line is one JSON object");
      expect(eventId != null && kind != null && extensionId != null && at != null && eventJson != null,
          "a spill line needs eventId, kind, extensionId, at and event");
      problems.throwIfAny();
      // a line written before arrival order was kept has no seq: it is ordered by its time, like old rows
      return new StoredEvent(eventId, kind, extensionId, at, callId, eventJson, call,
          seq == null ? StoredEvent.seqOf(at) : seq, span, queueCall);
    } catch (DecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "not a spill line: " + Excerpt.of(line), null);
    }
  }

  private static void writeCall(JsonGenerator g, CallRecord call, ZoneId zone) throws IOException {
    g.writeStartObject();
    g.writeStringField("extensionId", call.extensionId());
    g.writeStringField("callId", call.callId());
    g.writeStringField("sessionId", call.sessionId());
    g.writeStringField("telephonySessionId", call.telephonySessionId());
    g.writeStringField("direction", call.direction().label());
    g.writeStringField("from", call.from());
    g.writeStringField("fromName", call.fromName());
    g.writeStringField("to", call.to());
    g.writeStringField("toName", call.toName());
    g.writeBooleanField("queueCall", call.queueCall());
    g.writeStringField("queueId", call.queueId());
    g.writeStringField("startTime", time(call.startTime(), zone));
    g.writeStringField("answerTime", call.answerTime() == null ? null : time(call.answerTime(), zone));
    g.writeStringField("endTime", time(call.endTime(), zone));
    g.writeNumberField("durationMs", call.duration().toMillis());
    millis(g, "ringMs", call.ring());
    millis(g, "talkMs", call.talk());
    millis(g, "holdMs", call.hold());
    g.writeStringField("result", call.result().label());
    g.writeStringField("endReason", call.endReason() == null ? null : call.endReason().label());
    g.writeStringField("mergedInto", call.mergedInto());
    g.writeEndObject();
  }

  private static void millis(JsonGenerator g, String field, Duration value) throws IOException {
    g.writeFieldName(field);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value.toMillis());
    }
  }

  private static CallRecord readCall(JsonParser p) throws IOException {
    expect(p.currentToken() == JsonToken.START_OBJECT, "call must be a JSON object or null");
    String extensionId = null, callId = null, sessionId = null, telephonySessionId = null, direction = null;
    String from = null, fromName = null, to = null, toName = null, queueId = null, result = null;
    String endReason = null, mergedInto = null;
    boolean queueCall = false;
    Instant startTime = null, answerTime = null, endTime = null;
    Duration duration = null, ring = null, talk = null, hold = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      boolean isNull = value == JsonToken.VALUE_NULL;
      switch (field) {
        case "extensionId" -> extensionId = p.getValueAsString();
        case "callId" -> callId = p.getValueAsString();
        case "sessionId" -> sessionId = p.getValueAsString();
        case "telephonySessionId" -> telephonySessionId = p.getValueAsString();
        case "direction" -> direction = p.getValueAsString();
        case "from" -> from = p.getValueAsString();
        case "fromName" -> fromName = p.getValueAsString();
        case "to" -> to = p.getValueAsString();
        case "toName" -> toName = p.getValueAsString();
        case "queueCall" -> queueCall = p.getValueAsBoolean();
        case "queueId" -> queueId = p.getValueAsString();
        case "startTime" -> startTime = isNull ? null : instant(p.getText());
        case "answerTime" -> answerTime = isNull ? null : instant(p.getText());
        case "endTime" -> endTime = isNull ? null : instant(p.getText());
        case "durationMs" -> duration = isNull ? null : Duration.ofMillis(p.getLongValue());
        case "ringMs" -> ring = isNull ? null : Duration.ofMillis(p.getLongValue());
        case "talkMs" -> talk = isNull ? null : Duration.ofMillis(p.getLongValue());
        case "holdMs" -> hold = isNull ? null : Duration.ofMillis(p.getLongValue());
        case "result" -> result = p.getValueAsString();
        case "endReason" -> endReason = p.getValueAsString();
        case "mergedInto" -> mergedInto = p.getValueAsString();
        default -> p.skipChildren();
      }
    }
    SessionResult parsedResult = Labeled.parse(SessionResult.values(), result, SessionResult.UNKNOWN);
    return new CallRecord(extensionId, callId, sessionId, telephonySessionId,
        direction == null ? Direction.UNKNOWN : Direction.parse(direction), from, fromName, to, toName, queueCall,
        queueId, startTime, answerTime, endTime, duration, ring, talk, hold,
        parsedResult == null ? SessionResult.UNKNOWN : parsedResult, EndReason.parse(endReason), mergedInto);
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, "not a time: " + Excerpt.of(text), null);
    }
  }

  private static void expect(boolean condition, String message) {
    if (!condition) {
      throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, message, null);
    }
  }

  private static String write(int expectedSize, JsonBytes.DocumentWriter writer) {
    return new String(JsonBytes.write(FACTORY, expectedSize, writer), StandardCharsets.UTF_8);
  }
}
