package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The field names of {@code DIRECTORY}, the contact-centre directory as the Kafka directory topic carries it
 * (README, "Topics and their schema"):
 *
 * <pre>
 * {"at":T,"extensions":[{"extensionId","extensionNumber"|null,"name"|null,"department"|null}…],
 *  "queues":[{"id","extensionNumber"|null,"name"|null,
 *             "members":[{"extensionId","acceptQueueCalls":bool,"acceptCurrentQueueCalls":bool}…]}…]}
 * </pre>
 *
 * The members' flags keep RingCentral's names, as the directory's REST source spells them.
 */
final class DirectoryFields {

  private DirectoryFields() {}

  static void write(JsonGenerator g, Directory d) throws IOException {
    g.writeStartObject();
    EventJson.time(g, "at", d.at());
    g.writeArrayFieldStart("extensions");
    for (ExtensionInfo e : d.extensions()) {
      g.writeStartObject();
      g.writeStringField("extensionId", e.extensionId());
      g.writeStringField("extensionNumber", e.extensionNumber());
      g.writeStringField("name", e.name());
      g.writeStringField("department", e.department());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("queues");
    for (CallQueue q : d.queues()) {
      g.writeStartObject();
      g.writeStringField("id", q.id());
      g.writeStringField("extensionNumber", q.extensionNumber());
      g.writeStringField("name", q.name());
      g.writeArrayFieldStart("members");
      for (QueueMember m : q.members()) {
        g.writeStartObject();
        g.writeStringField("extensionId", m.extensionId());
        g.writeBooleanField("acceptQueueCalls", m.acceptsQueueCalls());
        g.writeBooleanField("acceptCurrentQueueCalls", m.acceptsCurrentQueueCalls());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  static Directory read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    Problems problems = new Problems();
    if (!ParserValues.object(p, t, problems, "directory")) {
      problems.throwIfAny();
    }
    Instant at = null;
    List<ExtensionInfo> extensions = List.of();
    List<CallQueue> queues = List.of();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "at" -> at = ParserValues.time(p, v, problems, "at");
        case "extensions" -> extensions = list(p, v, problems, "extensions", DirectoryFields::extension);
        case "queues" -> queues = list(p, v, problems, "queues", DirectoryFields::queue);
        default -> p.skipChildren();
      }
    }
    RingCentralReader.end(p);
    if (at == null) {
      problems.add("a directory needs at");
    }
    problems.throwIfAny();
    return new Directory(at, extensions, queues);
  }

  @FunctionalInterface
  private interface ElementReader<T> {
    T read(JsonParser p, JsonToken t, Problems problems, String field) throws IOException;
  }

  private static <T> List<T> list(JsonParser p, JsonToken t, Problems problems, String field, ElementReader<T> reader)
      throws IOException {
    if (!ParserValues.array(p, t, problems, field)) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    JsonToken e;
    int index = 0;
    while ((e = p.nextToken()) != END_ARRAY) {
      T value = reader.read(p, e, problems, field + "[" + index++ + "]");
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private static ExtensionInfo extension(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    String number = null;
    String name = null;
    String department = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "extensionId" -> id = ParserValues.id(p, v, problems, field + ".extensionId");
        case "extensionNumber" -> number = ParserValues.string(p, v, problems, field + ".extensionNumber");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "department" -> department = ParserValues.string(p, v, problems, field + ".department");
        default -> p.skipChildren();
      }
    }
    if (id == null) {
      problems.add(field + " needs extensionId");
      return null;
    }
    return new ExtensionInfo(id, number, name, department);
  }

  private static CallQueue queue(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    String number = null;
    String name = null;
    List<QueueMember> members = List.of();
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "id" -> id = ParserValues.id(p, v, problems, field + ".id");
        case "extensionNumber" -> number = ParserValues.string(p, v, problems, field + ".extensionNumber");
        case "name" -> name = ParserValues.string(p, v, problems, field + ".name");
        case "members" -> members = list(p, v, problems, field + ".members", DirectoryFields::member);
        default -> p.skipChildren();
      }
    }
    if (id == null) {
      problems.add(field + " needs id");
      return null;
    }
    return new CallQueue(id, number, name, members);
  }

  private static QueueMember member(JsonParser p, JsonToken t, Problems problems, String field) throws IOException {
    if (!ParserValues.object(p, t, problems, field)) {
      return null;
    }
    String id = null;
    Boolean accepts = null;
    Boolean acceptsCurrent = null;
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      switch (key) {
        case "extensionId" -> id = ParserValues.id(p, v, problems, field + ".extensionId");
        case "acceptQueueCalls" -> accepts = ParserValues.bool(p, v, problems, field + ".acceptQueueCalls");
        case "acceptCurrentQueueCalls" ->
            acceptsCurrent = ParserValues.bool(p, v, problems, field + ".acceptCurrentQueueCalls");
        default -> p.skipChildren();
      }
    }
    if (id == null || accepts == null || acceptsCurrent == null) {
      problems.add(field + " needs extensionId, acceptQueueCalls and acceptCurrentQueueCalls");
      return null;
    }
    return new QueueMember(id, accepts, acceptsCurrent);
  }
}
