package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.presencestream.model.CallQueue;
import io.presencestream.model.QueueMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RingCentral's call-queue bodies, for the contact-centre directory: the queue list
 * ({@code GET /restapi/v1.0/account/~/call-queues}, paged), a queue's members
 * ({@code …/call-queues/{id}/members}, paged), their queue flags ({@code …/call-queues/{id}/presence}) and
 * the Call Queue Member Presence notification. Shapes as RingCentral documents them (its API reference and
 * the samples of {@code ringcentral-api-docs}; see {@code src/test/resources/call-queue-samples/}).
 *
 * <p>Lenient where RingCentral is inconsistent: ids are read whether written as strings ({@code "id":"979428000"}
 * in the presence body) or numbers ({@code "id":11112222} in the members body), unknown fields are ignored,
 * a record without an id is skipped. Strict where a wrong value would mislead: an id outside
 * {@link ExtensionIds#RULE}, a flag that is not a boolean, a body that is not an object, too large or too
 * deep is a {@link DecodeException}, never a partial answer. Thread-safe; one instance can be shared.
 *
 * <pre>{@code
 * CallQueueCodec codec = CallQueueCodec.create();
 * List<QueueMember> members = codec.decodeQueuePresence(body);
 * }</pre>
 */
public final class CallQueueCodec {

  private static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
  private static final int MAX_DEPTH = 64;
  /** The event path of the filter, with the account's id or {@code ~}, and the queue's id. */
  private static final Pattern QUEUE_PRESENCE_EVENT =
      Pattern.compile("^/restapi/v1\\.0/account/[^/?]+/call-queues/([^/?]+)/presence/?(\\?.*)?$");

  private final int maxBytes;
  private final ObjectMapper mapper;

  private CallQueueCodec(int maxBytes) {
    this.maxBytes = maxBytes;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  /**
   * A codec accepting bodies up to 16 MiB.
   *
   * @return a new codec
   */
  public static CallQueueCodec create() {
    return new CallQueueCodec(DEFAULT_MAX_BYTES);
  }

  /**
   * A codec with the given size limit.
   *
   * @param maxBytes the largest body accepted, at least 64
   * @return a new codec
   * @throws IllegalArgumentException if {@code maxBytes} is below 64
   */
  public static CallQueueCodec create(int maxBytes) {
    if (maxBytes < 64) {
      throw new IllegalArgumentException("maxBytes must be at least 64");
    }
    return new CallQueueCodec(maxBytes);
  }

  /**
   * Whether an event path is a Call Queue Member Presence filter's, so that a gateway can tell it from the
   * extension list's without decoding the body twice.
   *
   * @param event a notification's {@code event}, may be null
   * @return the queue's id in it, or null when it is another filter's path
   */
  public static String queueOfPresenceEvent(String event) {
    if (event == null) {
      return null;
    }
    Matcher m = QUEUE_PRESENCE_EVENT.matcher(event);
    return m.matches() ? m.group(1) : null;
  }

  /**
   * Decodes one page of {@code GET /restapi/v1.0/account/~/call-queues}: {@code records[]} of
   * {@code {id, extensionNumber, name}}, and {@code navigation.nextPage.uri}.
   *
   * @param json the body as UTF-8 JSON
   * @return the page's queues (without members) and the next page
   * @throws DecodeException if it is no such page or an id breaks the rule
   */
  public CallQueuePage decodeCallQueues(byte[] json) {
    JsonNode root = read(json);
    List<CallQueue> queues = new ArrayList<>();
    for (JsonNode record : records(root, "records")) {
      String id = id(record.get("id"), "records[].id");
      if (id == null) {
        continue;
      }
      queues.add(new CallQueue(id, text(record.get("extensionNumber"), "records[].extensionNumber"),
          text(record.get("name"), "records[].name"), List.of()));
    }
    return new CallQueuePage(queues, nextPage(root));
  }

  /**
   * Decodes one page of {@code GET /restapi/v1.0/account/~/call-queues/{id}/members}: {@code records[]} of
   * {@code {id, extensionNumber}} (ids are JSON numbers there).
   *
   * @param json the body as UTF-8 JSON
   * @return the members' ids and the next page
   * @throws DecodeException if it is no such page or an id breaks the rule
   */
  public CallQueueMembersPage decodeMembers(byte[] json) {
    JsonNode root = read(json);
    List<String> ids = new ArrayList<>();
    for (JsonNode record : records(root, "records")) {
      String id = id(record.get("id"), "records[].id");
      if (id != null) {
        ids.add(id);
      }
    }
    return new CallQueueMembersPage(ids, nextPage(root));
  }

  /**
   * Decodes {@code GET /restapi/v1.0/account/~/call-queues/{id}/presence}: {@code records[]} of
   * {@code {member:{id,…}, acceptQueueCalls, acceptCurrentQueueCalls}}. A flag left out reads as true
   * (RingCentral's default for a member); a record without {@code member.id} is skipped.
   *
   * @param json the body as UTF-8 JSON
   * @return the members with their flags, in RingCentral's order
   * @throws DecodeException if it is no such body, an id breaks the rule or a flag is not a boolean
   */
  public List<QueueMember> decodeQueuePresence(byte[] json) {
    JsonNode root = read(json);
    List<QueueMember> members = new ArrayList<>();
    for (JsonNode record : records(root, "records")) {
      String id = memberId(record);
      if (id == null) {
        continue;
      }
      Boolean any = flag(record.get("acceptQueueCalls"), "records[].acceptQueueCalls");
      Boolean current = flag(record.get("acceptCurrentQueueCalls"), "records[].acceptCurrentQueueCalls");
      members.add(new QueueMember(id, any == null || any, current == null || current));
    }
    return members;
  }

  /**
   * Decodes a Call Queue Member Presence notification: its envelope, alone or as the body of a
   * {@code ServerNotification} frame. A record without {@code member.id} or without
   * {@code acceptCurrentQueueCalls} says nothing and is skipped.
   *
   * @param json the envelope as UTF-8 JSON
   * @return the queue and its members' new flags
   * @throws DecodeException {@link DecodeException.Reason#NOT_PRESENCE} when the event path is another
   *     filter's (as for the extension list's decoder); otherwise for a body of the wrong shape
   */
  public CallQueuePresenceEvent decodePresenceNotification(byte[] json) {
    JsonNode root = read(json);
    String event = text(root.get("event"), "event");
    String queue = queueOfPresenceEvent(event);
    if (queue == null) {
      throw new DecodeException(DecodeException.Reason.NOT_PRESENCE,
          "not a call-queue presence event (event " + (event == null ? "missing" : "of another filter") + ")", null);
    }
    if (!ExtensionIds.valid(queue)) {
      throw shape("the event path's queue id is not a valid extension id (" + ExtensionIds.RULE + ")");
    }
    JsonNode body = root.get("body");
    if (body == null || !body.isObject()) {
      throw shape("a call-queue presence event without a body object");
    }
    List<CallQueuePresenceEvent.MemberChange> changes = new ArrayList<>();
    for (JsonNode record : records(body, "body.records")) {
      String id = memberId(record);
      Boolean current = flag(record.get("acceptCurrentQueueCalls"), "body.records[].acceptCurrentQueueCalls");
      if (id != null && current != null) {
        changes.add(new CallQueuePresenceEvent.MemberChange(id, current));
      }
    }
    return new CallQueuePresenceEvent(text(root.get("uuid"), "uuid"), queue, time(text(root.get("timestamp"), "timestamp")),
        text(root.get("subscriptionId"), "subscriptionId"), changes);
  }

  // ---------------------------------------------------------------- reading

  private JsonNode read(byte[] json) {
    if (json == null) {
      throw shape("no input");
    }
    if (json.length > maxBytes) {
      throw new DecodeException(DecodeException.Reason.TOO_LARGE, "input of " + json.length + " bytes exceeds " + maxBytes, null);
    }
    try (JsonParser parser = mapper.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw shape("expected a JSON object");
      }
      JsonNode root = mapper.readTree(parser);
      if (parser.nextToken() != null) {
        throw shape("text after the JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw problem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson's messages quote the input: only the kind of problem and its offset are kept. */
  private static DecodeException problem(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at offset " + e.getLocation().getByteOffset();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamConstraintsException limit) {
        boolean tooDeep = limit.getOriginalMessage() != null && limit.getOriginalMessage().contains("nesting depth");
        return tooDeep
            ? new DecodeException(DecodeException.Reason.TOO_DEEP, "JSON nested too deeply" + where, null)
            : new DecodeException(DecodeException.Reason.TOO_LARGE, "a JSON value exceeds the parser's limits" + where, null);
      }
    }
    if (e instanceof JsonParseException) {
      return new DecodeException(DecodeException.Reason.NOT_JSON, "not valid JSON" + where, null);
    }
    return shape("the body has the wrong shape" + where);
  }

  /** The objects of an array field; a missing or null field is none, anything but an array of objects is wrong. */
  private static List<JsonNode> records(JsonNode parent, String field) {
    String name = field.substring(field.lastIndexOf('.') + 1);
    JsonNode array = parent.get(name);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw shape(field + " is " + kind(array) + ", expected an array");
    }
    List<JsonNode> out = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw shape(field + "[] holds " + kind(item) + ", expected objects");
      }
      out.add(item);
    }
    return out;
  }

  private static String memberId(JsonNode record) {
    JsonNode member = record.get("member");
    if (member == null || member.isNull()) {
      return null;
    }
    if (!member.isObject()) {
      throw shape("records[].member is " + kind(member) + ", expected an object");
    }
    return id(member.get("id"), "records[].member.id");
  }

  /** An id written as a string or an integral number; null when missing, null or empty. */
  private static String id(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    String id;
    if (node.isTextual()) {
      id = node.textValue();
    } else if (node.isIntegralNumber()) {
      id = node.asText();
    } else {
      throw shape(field + " is " + kind(node) + ", expected a string or an integer");
    }
    if (id.isEmpty()) {
      return null;
    }
    if (!ExtensionIds.valid(id)) {
      throw shape(field + " is not a valid extension id (" + ExtensionIds.RULE + ")");
    }
    return id;
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return node.asText();
    }
    throw shape(field + " is " + kind(node) + ", expected a string");
  }

  private static Boolean flag(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw shape(field + " is " + kind(node) + ", expected true or false");
    }
    return node.booleanValue();
  }

  private static String nextPage(JsonNode root) {
    JsonNode navigation = root.get("navigation");
    if (navigation == null || !navigation.isObject()) {
      return null;
    }
    JsonNode next = navigation.get("nextPage");
    if (next == null || !next.isObject()) {
      return null;
    }
    return text(next.get("uri"), "navigation.nextPage.uri");
  }

  private static Instant time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null; // a send time is informative: an unreadable one is as good as none
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary";
    };
  }

  private static DecodeException shape(String message) {
    return new DecodeException(DecodeException.Reason.WRONG_SHAPE, message, null);
  }
}
