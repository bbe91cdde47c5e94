package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * RingCentral's call-queue bodies as the simulator serves them: the queue list
 * ({@code GET /restapi/v1.0/account/~/call-queues}), a queue's members ({@code …/call-queues/{id}/members}),
 * its members' queue presence ({@code GET}/{@code PUT …/call-queues/{id}/presence}) and the call-queue
 * presence notification; and the body of that {@code PUT}, read. Field names, order and JSON types as
 * RingCentral's API reference (schemas {@code CallQueues}, {@code CallQueueInfo}, {@code CallQueueMembers},
 * {@code CallQueueMemberInfo}, {@code CallQueuePresence}, {@code CallQueueMemberPresence},
 * {@code CallQueueUpdatePresence}) and the developer guide's samples ("Call Queue Member Status", "Call
 * Queue Member Presence Event"): queue ids are strings, a member's id in the members list is a number, in
 * the presence records a string. Stateless and thread-safe.
 */
public final class CallQueueJson {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(4096).build())
      .build();

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The most member records one {@code PUT} may carry; more fail as too large. */
  public static final int MAX_UPDATE_RECORDS = 1000;

  private CallQueueJson() {}

  /**
   * A call queue as the list gives it.
   *
   * @param id the queue's extension id
   * @param extensionNumber its short number
   * @param name its name
   */
  public record Queue(String id, String extensionNumber, String name) {}

  /**
   * A member of a call queue with its queue presence.
   *
   * @param id the member's extension id (digits)
   * @param extensionNumber its short number
   * @param name its display name
   * @param acceptQueueCalls whether it takes calls of any queue (false when its DND refuses department calls)
   * @param acceptCurrentQueueCalls whether it takes calls of this queue
   */
  public record Member(String id, String extensionNumber, String name, boolean acceptQueueCalls,
      boolean acceptCurrentQueueCalls) {}

  /**
   * One record of a queue-presence {@code PUT} body or notification.
   *
   * @param memberId the member's extension id
   * @param acceptCurrentQueueCalls whether it is to take (takes) this queue's calls
   */
  public record MemberSwitch(String memberId, boolean acceptCurrentQueueCalls) {}

  /**
   * Where a page stands in a list, and the URIs that lead around it.
   *
   * @param base the list's URI up to its paging parameters, ending in {@code ?} or {@code &}
   * @param page this page's number, from 1
   * @param perPage the page size
   * @param totalPages how many pages there are (at least 1)
   * @param totalElements how many records all pages hold
   */
  public record Page(String base, int page, int perPage, int totalPages, int totalElements) {}

  /**
   * {@code GET …/call-queues}: {@code uri}, {@code records} of {@code {uri, id, extensionNumber, name}},
   * {@code paging}, {@code navigation}.
   *
   * @param page where this page stands
   * @param extensionUriPrefix the account's extension URI prefix, e.g. {@code https://…/account/1/extension/}
   * @param queues this page's queues
   * @return the body as UTF-8
   */
  public static byte[] callQueues(Page page, String extensionUriPrefix, List<Queue> queues) {
    return JsonBytes.write(FACTORY, 512 + 200 * queues.size(), g -> {
      g.writeStartObject();
      g.writeStringField("uri", pageUri(page, page.page()));
      g.writeArrayFieldStart("records");
      for (Queue q : queues) {
        g.writeStartObject();
        g.writeStringField("uri", extensionUriPrefix + q.id());
        g.writeStringField("id", q.id());
        g.writeStringField("extensionNumber", q.extensionNumber());
        g.writeStringField("name", q.name());
        g.writeEndObject();
      }
      g.writeEndArray();
      paging(g, page, queues.size());
      g.writeEndObject();
    });
  }

  /**
   * {@code GET …/call-queues/{id}/members}: {@code uri}, {@code records} of {@code {uri, id, extensionNumber}}
   * (the id a JSON number, as RingCentral writes it), {@code paging}, {@code navigation}.
   *
   * @param page where this page stands
   * @param extensionUriPrefix the account's extension URI prefix
   * @param members this page's members
   * @return the body as UTF-8
   * @throws NumberFormatException if a member id is not a number
   */
  public static byte[] members(Page page, String extensionUriPrefix, List<Member> members) {
    return JsonBytes.write(FACTORY, 512 + 160 * members.size(), g -> {
      g.writeStartObject();
      g.writeStringField("uri", pageUri(page, page.page()));
      g.writeArrayFieldStart("records");
      for (Member m : members) {
        g.writeStartObject();
        g.writeStringField("uri", extensionUriPrefix + m.id());
        g.writeNumberField("id", Long.parseLong(m.id()));
        g.writeStringField("extensionNumber", m.extensionNumber());
        g.writeEndObject();
      }
      g.writeEndArray();
      paging(g, page, members.size());
      g.writeEndObject();
    });
  }

  /**
   * {@code GET} or {@code PUT …/call-queues/{id}/presence}: {@code {"records":[{"member":{"id","name",
   * "extensionNumber"},"acceptQueueCalls","acceptCurrentQueueCalls"}…]}}.
   *
   * @param members every member, in the queue's order
   * @return the body as UTF-8
   */
  public static byte[] presence(List<Member> members) {
    return JsonBytes.write(FACTORY, 64 + 160 * members.size(), g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("records");
      for (Member m : members) {
        g.writeStartObject();
        g.writeObjectFieldStart("member");
        g.writeStringField("id", m.id());
        g.writeStringField("name", m.name());
        g.writeStringField("extensionNumber", m.extensionNumber());
        g.writeEndObject();
        g.writeBooleanField("acceptQueueCalls", m.acceptQueueCalls());
        g.writeBooleanField("acceptCurrentQueueCalls", m.acceptCurrentQueueCalls());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * A notification of the event filter {@code /restapi/v1.0/account/{accountId}/call-queues/{groupId}/presence}:
   * the usual envelope, whose body is {@code {"records":[{"member":{"id"},"acceptCurrentQueueCalls"}…]}}.
   *
   * @param uuid the notification's uuid
   * @param event the event path, with real ids
   * @param timestamp when it was sent
   * @param subscriptionId the receiving subscription
   * @param ownerId the subscription owner's extension id
   * @param records the members whose switch changed, with their new value
   * @return the envelope as UTF-8
   */
  public static byte[] presenceNotification(String uuid, String event, Instant timestamp, String subscriptionId,
      String ownerId, List<MemberSwitch> records) {
    return JsonBytes.write(FACTORY, 320 + 80 * records.size(), g -> {
      g.writeStartObject();
      g.writeStringField("uuid", uuid);
      g.writeStringField("event", event);
      g.writeStringField("timestamp", MILLIS.format(timestamp));
      g.writeStringField("subscriptionId", subscriptionId);
      g.writeStringField("ownerId", ownerId);
      g.writeObjectFieldStart("body");
      g.writeArrayFieldStart("records");
      for (MemberSwitch r : records) {
        g.writeStartObject();
        g.writeObjectFieldStart("member");
        g.writeStringField("id", r.memberId());
        g.writeEndObject();
        g.writeBooleanField("acceptCurrentQueueCalls", r.acceptCurrentQueueCalls());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /**
   * Reads the body of {@code PUT …/call-queues/{id}/presence}: {@code {"records":[{"member":{"id":…},
   * "acceptCurrentQueueCalls":…}…]}}; a member id may be a string or a number, unknown fields are skipped.
   *
   * @param json the body as UTF-8 JSON
   * @return the switches, in order
   * @throws DecodeException if it is not JSON, not that shape (a record without member id or boolean), or has
   *     more than {@value #MAX_UPDATE_RECORDS} records
   */
  public static List<MemberSwitch> decodePresenceUpdate(byte[] json) {
    if (json == null || json.length == 0) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "empty body", null);
    }
    List<MemberSwitch> out = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      expect(p.nextToken() == JsonToken.START_OBJECT, "the body is an object");
      boolean records = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("records")) {
          p.skipChildren();
          continue;
        }
        expect(value == JsonToken.START_ARRAY, "records is an array");
        records = true;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          if (out.size() == MAX_UPDATE_RECORDS) {
            throw new DecodeException(DecodeException.Reason.TOO_LARGE,
                "more than " + MAX_UPDATE_RECORDS + " records", null);
          }
          out.add(record(p));
        }
        expect(p.currentToken() == JsonToken.END_ARRAY, "records holds objects");
      }
      expect(records, "records is required");
      expect(p.nextToken() == null, "one JSON value");
    } catch (JsonProcessingException e) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "not well-formed JSON", null);
    } catch (IOException e) {
      throw new DecodeException(DecodeException.Reason.NOT_JSON, "unreadable body", null);
    }
    return out;
  }

  private static MemberSwitch record(JsonParser p) throws IOException {
    String id = null;
    Boolean accept = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("member") && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("id") && (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT)) {
            id = p.getText();
          } else {
            p.skipChildren();
          }
        }
      } else if (field.equals("acceptCurrentQueueCalls") && value.isBoolean()) {
        accept = value == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    expect(id != null && !id.isEmpty(), "a record needs member.id");
    expect(accept != null, "a record needs a boolean acceptCurrentQueueCalls");
    return new MemberSwitch(id, accept);
  }

  private static void expect(boolean condition, String what) {
    if (!condition) {
      throw new DecodeException(DecodeException.Reason.WRONG_SHAPE, "not a call-queue presence update: " + what, null);
    }
  }

  private static void paging(JsonGenerator g, Page page, int records) throws IOException {
    g.writeObjectFieldStart("paging");
    g.writeNumberField("page", page.page());
    g.writeNumberField("totalPages", page.totalPages());
    g.writeNumberField("perPage", page.perPage());
    g.writeNumberField("totalElements", page.totalElements());
    if (records > 0) {
      g.writeNumberField("pageStart", (page.page() - 1) * page.perPage());
      g.writeNumberField("pageEnd", (page.page() - 1) * page.perPage() + records - 1);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("navigation");
    link(g, "firstPage", page, 1);
    if (page.page() < page.totalPages()) {
      link(g, "nextPage", page, page.page() + 1);
    }
    if (page.page() > 1) {
      link(g, "previousPage", page, Math.min(page.page() - 1, page.totalPages()));
    }
    link(g, "lastPage", page, page.totalPages());
    g.writeEndObject();
  }

  private static void link(JsonGenerator g, String name, Page page, int number) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("uri", pageUri(page, number));
    g.writeEndObject();
  }

  private static String pageUri(Page page, int number) {
    return page.base() + "page=" + number + "&perPage=" + page.perPage();
  }
}
