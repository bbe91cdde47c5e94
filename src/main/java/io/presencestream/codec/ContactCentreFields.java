package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.QueueCallResult;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.StateSpan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The contact-centre view's JSON objects (docs/contact-centre.md, "JSON"): {@code AGENT}, {@code DAY},
 * {@code QUEUE}, {@code FIGURES} and {@code ALERT}, written with every key (null for absent) and read with
 * keys in any order, unknown keys ignored. Shared by {@link EventJson} (the four event kinds) and
 * {@link ContactCentreJson} (the HTTP API and the simulator's truth), so that one shape is written everywhere.
 *
 * <p>A reader returns null and notes a problem when a required part is missing or of the wrong type: the
 * caller throws the first problem once the whole document has been read.
 */
final class ContactCentreFields {

  private ContactCentreFields() {}

  // ---------------------------------------------------------------- writing

  /** {@code AGENT}, with {@code "day"} appended when {@code day} is not null (timeline per {@code timeline}). */
  static void writeAgent(JsonGenerator g, AgentStatus a, AgentDay day, boolean timeline) throws IOException {
    if (a == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "extensionId", a.extensionId());
    EventJson.string(g, "extensionNumber", a.extensionNumber());
    EventJson.string(g, "name", a.name());
    EventJson.string(g, "department", a.department());
    EventJson.label(g, "state", a.state());
    EventJson.bool(g, "onQueue", a.onQueue());
    EventJson.time(g, "since", a.since());
    g.writeFieldName("queues");
    g.writeStartArray();
    for (String q : a.queues()) {
      g.writeString(q);
    }
    g.writeEndArray();
    if (day != null) {
      g.writeFieldName("day");
      writeDay(g, day, timeline);
    }
    g.writeEndObject();
  }

  /** {@code DAY}; without {@code "timeline"} at all when {@code timeline} is false (as {@code /api/agents} writes it). */
  static void writeDay(JsonGenerator g, AgentDay d, boolean timeline) throws IOException {
    writeDay(g, d, timeline, null);
  }

  /**
   * {@code DAY} with the timeline's times in {@code zone} (the history API's times), or in UTC as every event
   * writes them when {@code zone} is null.
   */
  static void writeDay(JsonGenerator g, AgentDay d, boolean timeline, java.time.ZoneId zone) throws IOException {
    g.writeStartObject();
    EventJson.string(g, "extensionId", d.extensionId());
    g.writeStringField("day", d.day().toString());
    g.writeNumberField("handled", d.handled());
    g.writeNumberField("missed", d.missed());
    EventJson.millis(g, "talkTimeMs", d.talkTime());
    EventJson.millis(g, "holdTimeMs", d.holdTime());
    EventJson.millis(g, "wrapUpTimeMs", d.wrapUpTime());
    EventJson.millis(g, "availableOnQueueMs", d.availableOnQueue());
    EventJson.millis(g, "averageHandleTimeMs", d.averageHandleTime());
    fraction(g, "occupancy", d.occupancy());
    if (timeline) {
      g.writeFieldName("timeline");
      g.writeStartArray();
      for (StateSpan s : d.timeline()) {
        writeSpan(g, s, zone);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /** A timeline's span: {@code {"state","onQueue","start","end"}}, times in {@code zone} (UTC when null). */
  static void writeSpan(JsonGenerator g, StateSpan s, java.time.ZoneId zone) throws IOException {
    g.writeStartObject();
    EventJson.label(g, "state", s.state());
    EventJson.bool(g, "onQueue", s.onQueue());
    zonedTime(g, "start", s.start(), zone);
    zonedTime(g, "end", s.end(), zone);
    g.writeEndObject();
  }

  private static void zonedTime(JsonGenerator g, String name, Instant t, java.time.ZoneId zone) throws IOException {
    if (zone == null || t == null) {
      EventJson.time(g, name, t);
    } else {
      g.writeStringField(name, HistoryJson.time(t, zone));
    }
  }

  /** {@code QUEUE}. */
  static void writeQueue(JsonGenerator g, QueueStats q) throws IOException {
    if (q == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "queueId", q.queueId());
    EventJson.string(g, "extensionNumber", q.extensionNumber());
    EventJson.string(g, "name", q.name());
    g.writeNumberField("waiting", q.waiting());
    EventJson.time(g, "longestWaitSince", q.longestWaitSince());
    g.writeFieldName("agents");
    g.writeStartObject();
    g.writeNumberField("available", q.agents().available());
    g.writeNumberField("onCall", q.agents().onCall());
    g.writeNumberField("offQueue", q.agents().offQueue());
    g.writeNumberField("other", q.agents().other());
    g.writeEndObject();
    EventJson.millis(g, "serviceLevelThresholdMs", q.serviceLevelThreshold());
    figures(g, "today", q.today());
    figures(g, "last15m", q.last15m());
    figures(g, "last1h", q.last1h());
    g.writeEndObject();
  }

  private static void figures(JsonGenerator g, String name, QueueFigures f) throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
    writeFigureFields(g, f);
    g.writeEndObject();
  }

  /** The keys of {@code FIGURES}, inside an object the caller opened (the history's intervals add theirs). */
  static void writeFigureFields(JsonGenerator g, QueueFigures f) throws IOException {
    g.writeNumberField("offered", f.offered());
    g.writeNumberField("answered", f.answered());
    g.writeNumberField("abandoned", f.abandoned());
    g.writeNumberField("overflowed", f.overflowed());
    g.writeNumberField("answeredWithinThreshold", f.answeredWithinThreshold());
    EventJson.millis(g, "averageSpeedOfAnswerMs", f.averageSpeedOfAnswer());
    fraction(g, "abandonRate", f.abandonRate());
    fraction(g, "serviceLevel", f.serviceLevel());
  }

  /**
   * {@code QUEUECALL}: {@code {"queueId","callKey","enteredAt","answeredAt","endedAt","result","waitMs",
   * "answeredBy","serviceLevelThresholdMs","withinServiceLevel"}} ({@code waitMs} is derived, and not read back).
   */
  static void writeQueueCall(JsonGenerator g, QueueCallOutcome c) throws IOException {
    g.writeStartObject();
    EventJson.string(g, "queueId", c.queueId());
    EventJson.string(g, "callKey", c.callKey());
    EventJson.time(g, "enteredAt", c.enteredAt());
    EventJson.time(g, "answeredAt", c.answeredAt());
    EventJson.time(g, "endedAt", c.endedAt());
    EventJson.label(g, "result", c.result());
    EventJson.millis(g, "waitMs", c.waitTime());
    EventJson.string(g, "answeredBy", c.answeredBy());
    EventJson.millis(g, "serviceLevelThresholdMs", c.serviceLevelThreshold());
    g.writeBooleanField("withinServiceLevel", c.withinServiceLevel());
    g.writeEndObject();
  }

  /** {@code QUEUECALL}; null with a problem noted when it is not one. */
  static QueueCallOutcome readQueueCall(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String queueId = null;
    String callKey = null;
    Instant enteredAt = null;
    Instant answeredAt = null;
    Instant endedAt = null;
    QueueCallResult result = null;
    String answeredBy = null;
    Long threshold = null;
    boolean within = false;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "queueId" -> queueId = ParserValues.id(p, v, problems, field + ".queueId");
        case "callKey" -> callKey = ParserValues.string(p, v, problems, field + ".callKey");
        case "enteredAt" -> enteredAt = ParserValues.time(p, v, problems, field + ".enteredAt");
        case "answeredAt" -> answeredAt = ParserValues.time(p, v, problems, field + ".answeredAt");
        case "endedAt" -> endedAt = ParserValues.time(p, v, problems, field + ".endedAt");
        case "result" -> {
          String word = ParserValues.string(p, v, problems, field + ".result");
          try {
            result = word == null ? null : QueueCallResult.parse(word);
          } catch (IllegalArgumentException e) {
            problems.add(field + ".result: " + e.getMessage());
          }
        }
        case "answeredBy" -> answeredBy = ParserValues.id(p, v, problems, field + ".answeredBy");
        case "serviceLevelThresholdMs" -> threshold = ParserValues.longValue(p, v, problems, field + ".serviceLevelThresholdMs");
        case "withinServiceLevel" -> within = Boolean.TRUE.equals(ParserValues.bool(p, v, problems, field + ".withinServiceLevel"));
        default -> p.skipChildren();
      }
    }
    if (queueId == null || callKey == null || enteredAt == null || endedAt == null || result == null
        || threshold == null || threshold < 0 || endedAt.isBefore(enteredAt)) {
      problems.add(field + " needs queueId, callKey, enteredAt, endedAt (not before enteredAt), result and"
          + " serviceLevelThresholdMs");
      return null;
    }
    return new QueueCallOutcome(queueId, callKey, enteredAt, answeredAt, endedAt, result, answeredBy,
        Duration.ofMillis(threshold), within);
  }

  /** {@code ALERT}. */
  static void writeAlert(JsonGenerator g, Alert a) throws IOException {
    if (a == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    EventJson.string(g, "id", a.id());
    EventJson.string(g, "name", a.name());
    EventJson.string(g, "rule", a.rule());
    EventJson.label(g, "severity", a.severity());
    EventJson.string(g, "subject", a.subject());
    EventJson.string(g, "subjectId", a.subjectId());
    EventJson.string(g, "callKey", a.callKey());
    EventJson.time(g, "raisedAt", a.raisedAt());
    EventJson.time(g, "clearedAt", a.clearedAt());
    EventJson.string(g, "message", a.message());
    g.writeFieldName("targets");
    g.writeStartArray();
    for (String t : a.targets()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void fraction(JsonGenerator g, String name, Double value) throws IOException {
    if (value == null || value.isNaN() || value.isInfinite()) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value);
    }
  }

  // ---------------------------------------------------------------- reading

  /** What {@link #readAgent} found: the agent and, when the object had one, its {@code "day"}. */
  record AgentAndDay(AgentStatus agent, AgentDay day) {}

  /** {@code AGENT} (with an optional {@code "day"}); null for JSON null, or with a problem noted. */
  static AgentAndDay readAgent(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String extensionId = null;
    String extensionNumber = null;
    String name = null;
    String department = null;
    AgentState state = null;
    Boolean onQueue = null;
    Instant since = null;
    List<String> queues = List.of();
    AgentDay day = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "extensionId" -> extensionId = ParserValues.id(p, v, problems, field + ".extensionId");
        case "extensionNumber" -> extensionNumber = ParserValues.string(p, v, problems, field + ".extensionNumber");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "department" -> department = ParserValues.string(p, v, problems, field + ".department");
        case "state" -> state = agentState(p, v, problems, field + ".state");
        case "onQueue" -> onQueue = ParserValues.bool(p, v, problems, field + ".onQueue");
        case "since" -> since = ParserValues.time(p, v, problems, field + ".since");
        case "queues" -> queues = strings(p, v, problems, field + ".queues");
        case "day" -> day = readDay(p, v, problems, field + ".day");
        default -> p.skipChildren();
      }
    }
    if (extensionId == null || state == null || since == null) {
      problems.add(field + " needs extensionId, state and since");
      return null;
    }
    return new AgentAndDay(
        new AgentStatus(extensionId, extensionNumber, name, department, state, onQueue, since, queues), day);
  }

  /** {@code DAY}, with or without its timeline; null for JSON null, or with a problem noted. */
  static AgentDay readDay(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String extensionId = null;
    LocalDate day = null;
    Integer handled = null;
    Integer missed = null;
    Long talk = null;
    Long hold = null;
    Long wrapUp = null;
    Long available = null;
    Long aht = null;
    Double occupancy = null;
    List<StateSpan> timeline = new ArrayList<>();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "extensionId" -> extensionId = ParserValues.id(p, v, problems, field + ".extensionId");
        case "day" -> day = date(p, v, problems, field + ".day");
        case "handled" -> handled = ParserValues.intValue(p, v, problems, field + ".handled");
        case "missed" -> missed = ParserValues.intValue(p, v, problems, field + ".missed");
        case "talkTimeMs" -> talk = ParserValues.longValue(p, v, problems, field + ".talkTimeMs");
        case "holdTimeMs" -> hold = ParserValues.longValue(p, v, problems, field + ".holdTimeMs");
        case "wrapUpTimeMs" -> wrapUp = ParserValues.longValue(p, v, problems, field + ".wrapUpTimeMs");
        case "availableOnQueueMs" -> available = ParserValues.longValue(p, v, problems, field + ".availableOnQueueMs");
        case "averageHandleTimeMs" -> aht = ParserValues.longValue(p, v, problems, field + ".averageHandleTimeMs");
        case "occupancy" -> occupancy = number(p, v, problems, field + ".occupancy");
        case "timeline" -> {
          timeline.clear();
          if (ParserValues.array(p, v, problems, field + ".timeline")) {
            JsonToken e;
            while ((e = p.nextToken()) != END_ARRAY) {
              StateSpan s = span(p, e, problems, field + ".timeline[" + timeline.size() + "]");
              if (s != null) {
                timeline.add(s);
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (extensionId == null || day == null) {
      problems.add(field + " needs extensionId and day");
      return null;
    }
    return new AgentDay(extensionId, day, handled == null ? 0 : handled, missed == null ? 0 : missed, ms(talk),
        ms(hold), ms(wrapUp), ms(available), aht == null ? null : Duration.ofMillis(aht), occupancy, timeline);
  }

  /** A timeline's span; null with a problem noted when it is not one. */
  static StateSpan span(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      problems.add(field + " is null");
      return null;
    }
    AgentState state = null;
    Boolean onQueue = null;
    Instant start = null;
    Instant end = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "state" -> state = agentState(p, v, problems, field + ".state");
        case "onQueue" -> onQueue = ParserValues.bool(p, v, problems, field + ".onQueue");
        case "start" -> start = ParserValues.time(p, v, problems, field + ".start");
        case "end" -> end = ParserValues.time(p, v, problems, field + ".end");
        default -> p.skipChildren();
      }
    }
    if (state == null || start == null) {
      problems.add(field + " needs state and start");
      return null;
    }
    if (end != null && end.isBefore(start)) {
      problems.add(field + " ends before it starts");
      return null;
    }
    return new StateSpan(state, onQueue, start, end);
  }

  /** {@code QUEUE}; null for JSON null, or with a problem noted. */
  static QueueStats readQueue(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String queueId = null;
    String extensionNumber = null;
    String name = null;
    Integer waiting = null;
    Instant longestWaitSince = null;
    QueueAgents agents = QueueAgents.NONE;
    Long threshold = null;
    QueueFigures today = QueueFigures.NONE;
    QueueFigures last15m = QueueFigures.NONE;
    QueueFigures last1h = QueueFigures.NONE;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "queueId" -> queueId = ParserValues.id(p, v, problems, field + ".queueId");
        case "extensionNumber" -> extensionNumber = ParserValues.string(p, v, problems, field + ".extensionNumber");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "waiting" -> waiting = ParserValues.intValue(p, v, problems, field + ".waiting");
        case "longestWaitSince" -> longestWaitSince = ParserValues.time(p, v, problems, field + ".longestWaitSince");
        case "agents" -> agents = agents(p, v, problems, field + ".agents");
        case "serviceLevelThresholdMs" -> threshold = ParserValues.longValue(p, v, problems, field + ".serviceLevelThresholdMs");
        case "today" -> today = figures(p, v, problems, field + ".today");
        case "last15m" -> last15m = figures(p, v, problems, field + ".last15m");
        case "last1h" -> last1h = figures(p, v, problems, field + ".last1h");
        default -> p.skipChildren();
      }
    }
    if (queueId == null || threshold == null) {
      problems.add(field + " needs queueId and serviceLevelThresholdMs");
      return null;
    }
    return new QueueStats(queueId, extensionNumber, name, waiting == null ? 0 : waiting, longestWaitSince, agents,
        Duration.ofMillis(threshold), today, last15m, last1h);
  }

  private static QueueAgents agents(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return QueueAgents.NONE;
    }
    int available = 0;
    int onCall = 0;
    int offQueue = 0;
    int other = 0;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "available" -> available = count(p, v, problems, field + ".available");
        case "onCall" -> onCall = count(p, v, problems, field + ".onCall");
        case "offQueue" -> offQueue = count(p, v, problems, field + ".offQueue");
        case "other" -> other = count(p, v, problems, field + ".other");
        default -> p.skipChildren();
      }
    }
    return new QueueAgents(available, onCall, offQueue, other);
  }

  private static QueueFigures figures(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return QueueFigures.NONE;
    }
    int offered = 0;
    int answered = 0;
    int abandoned = 0;
    int overflowed = 0;
    int within = 0;
    Long asa = null;
    Double abandonRate = null;
    Double serviceLevel = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "offered" -> offered = count(p, v, problems, field + ".offered");
        case "answered" -> answered = count(p, v, problems, field + ".answered");
        case "abandoned" -> abandoned = count(p, v, problems, field + ".abandoned");
        case "overflowed" -> overflowed = count(p, v, problems, field + ".overflowed");
        case "answeredWithinThreshold" -> within = count(p, v, problems, field + ".answeredWithinThreshold");
        case "averageSpeedOfAnswerMs" -> asa = ParserValues.longValue(p, v, problems, field + ".averageSpeedOfAnswerMs");
        case "abandonRate" -> abandonRate = number(p, v, problems, field + ".abandonRate");
        case "serviceLevel" -> serviceLevel = number(p, v, problems, field + ".serviceLevel");
        default -> p.skipChildren();
      }
    }
    return new QueueFigures(offered, answered, abandoned, overflowed, within, asa == null ? null : Duration.ofMillis(asa),
        abandonRate, serviceLevel);
  }

  /** {@code ALERT}; null for JSON null, or with a problem noted. */
  static Alert readAlert(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    String name = null;
    String rule = null;
    AlertSeverity severity = null;
    String subject = null;
    String subjectId = null;
    String callKey = null;
    Instant raisedAt = null;
    Instant clearedAt = null;
    String message = null;
    List<String> targets = List.of();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "id" -> id = ParserValues.string(p, v, problems, field + ".id");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "rule" -> rule = ParserValues.string(p, v, problems, field + ".rule");
        case "severity" -> {
          String word = ParserValues.string(p, v, problems, field + ".severity");
          try {
            severity = word == null ? null : AlertSeverity.parse(word);
          } catch (IllegalArgumentException e) {
            problems.add(field + ".severity: " + e.getMessage());
          }
        }
        case "subject" -> subject = ParserValues.string(p, v, problems, field + ".subject");
        case "subjectId" -> subjectId = ParserValues.id(p, v, problems, field + ".subjectId");
        case "callKey" -> callKey = ParserValues.string(p, v, problems, field + ".callKey");
        case "raisedAt" -> raisedAt = ParserValues.time(p, v, problems, field + ".raisedAt");
        case "clearedAt" -> clearedAt = ParserValues.time(p, v, problems, field + ".clearedAt");
        case "message" -> message = ParserValues.string(p, v, problems, field + ".message");
        case "targets" -> targets = strings(p, v, problems, field + ".targets");
        default -> p.skipChildren();
      }
    }
    if (id == null || name == null || rule == null || severity == null || subject == null || subjectId == null
        || raisedAt == null || message == null) {
      problems.add(field + " needs id, name, rule, severity, subject, subjectId, raisedAt and message");
      return null;
    }
    return new Alert(id, name, rule, severity, subject, subjectId, callKey, raisedAt, clearedAt, message, targets);
  }

  // ---------------------------------------------------------------- values

  private static AgentState agentState(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    String word = ParserValues.string(p, t, problems, field);
    if (word == null) {
      return null;
    }
    try {
      return AgentState.parse(word);
    } catch (IllegalArgumentException e) {
      problems.add(field + " is not an agent state");
      return null;
    }
  }

  private static LocalDate date(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    String word = ParserValues.string(p, t, problems, field);
    if (word == null) {
      return null;
    }
    try {
      return LocalDate.parse(word);
    } catch (DateTimeParseException e) {
      problems.add(field + " is not a date (yyyy-mm-dd)");
      return null;
    }
  }

  private static int count(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    Integer n = ParserValues.intValue(p, t, problems, field);
    if (n != null && n < 0) {
      problems.add(field + " is negative");
      return 0;
    }
    return n == null ? 0 : n;
  }

  /** A JSON number as a double; null for JSON null. */
  private static Double number(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    ParserValues.mismatch(p, t, problems, field, "a number");
    return null;
  }

  private static List<String> strings(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.array(p, t, problems, field)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    JsonToken e;
    while ((e = p.nextToken()) != END_ARRAY) {
      String s = ParserValues.string(p, e, problems, field + "[" + out.size() + "]");
      if (s == null) {
        problems.add(field + "[" + out.size() + "] is not a string");
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static Duration ms(Long millis) {
    return millis == null ? Duration.ZERO : Duration.ofMillis(millis);
  }
}
