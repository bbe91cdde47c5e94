package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.codec.protocol.Paging;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * RingCentral REST bodies that the simulator serves and no client reads as a record: the account, one
 * extension's info, the status summary of a batch presence read and an account presence page around
 * records already encoded by {@link PresenceCodec#encodeExtensionPresence}. Field names and order as
 * RingCentral writes them. Stateless and thread-safe.
 */
public final class RestJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /**
   * One extension's outcome in a batch read.
   *
   * @param extensionId the id as requested
   * @param status the HTTP status of its part (200, or 404 for an extension the server does not know)
   */
  public record BatchPart(String extensionId, int status) {}

  /**
   * An extension's {@code contact}, as much of it as the simulator tells.
   *
   * @param firstName the first name, or null
   * @param lastName the last name, or null
   * @param email the e-mail address, or null
   * @param department the department (RingCentral's free-text {@code contact.department}), or null when none
   */
  public record Contact(String firstName, String lastName, String email, String department) {}

  private RestJson() {}

  /**
   * One page of {@code GET /restapi/v1.0/account/~/extension} with each record's {@code contact}: the fields of
   * {@link ProtocolCodec#encode} for an {@link ExtensionListPage} ({@code uri}, {@code records} of {@code id}
   * as a number, {@code extensionNumber}, {@code name}, {@code type}, {@code status}; {@code paging};
   * {@code navigation.nextPage}), each record with {@code contact} ({@code firstName}, {@code lastName},
   * {@code email}, {@code department}, absent fields left out) after its number, where RingCentral puts it.
   *
   * @param page the page
   * @param contacts a record's contact by extension id; null for a record without one
   * @return the body as UTF-8
   * @throws NumberFormatException if a record's id is not a number
   */
  public static byte[] extensionList(ExtensionListPage page, Function<String, Contact> contacts) {
    return JsonBytes.write(FACTORY, 512 + 256 * page.records().size(), g -> {
      g.writeStartObject();
      if (page.uri() != null) {
        g.writeStringField("uri", page.uri());
      }
      g.writeArrayFieldStart("records");
      for (ExtensionRecord r : page.records()) {
        g.writeStartObject();
        g.writeNumberField("id", Long.parseLong(r.id()));
        stringOrSkip(g, "extensionNumber", r.extensionNumber());
        contact(g, contacts.apply(r.id()));
        stringOrSkip(g, "name", r.name());
        stringOrSkip(g, "type", r.type());
        stringOrSkip(g, "status", r.status());
        g.writeEndObject();
      }
      g.writeEndArray();
      Paging p = page.paging();
      if (p != null) {
        g.writeObjectFieldStart("paging");
        numberOrSkip(g, "page", p.page());
        numberOrSkip(g, "totalPages", p.totalPages());
        numberOrSkip(g, "perPage", p.perPage());
        numberOrSkip(g, "totalElements", p.totalElements());
        numberOrSkip(g, "pageStart", p.pageStart());
        numberOrSkip(g, "pageEnd", p.pageEnd());
        g.writeEndObject();
      }
      g.writeObjectFieldStart("navigation");
      if (page.nextPageUri() != null) {
        g.writeObjectFieldStart("nextPage");
        g.writeStringField("uri", page.nextPageUri());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void contact(JsonGenerator g, Contact c) throws IOException {
    if (c == null) {
      return;
    }
    g.writeObjectFieldStart("contact");
    stringOrSkip(g, "firstName", c.firstName());
    stringOrSkip(g, "lastName", c.lastName());
    stringOrSkip(g, "email", c.email());
    stringOrSkip(g, "department", c.department());
    g.writeEndObject();
  }

  private static void stringOrSkip(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void numberOrSkip(JsonGenerator g, String name, Integer value) throws IOException {
    if (value != null) {
      g.writeNumberField(name, value);
    }
  }

  /**
   * The body of {@code GET /restapi/v1.0/account/{id}}.
   *
   * @param uri the account's own URI
   * @param id the account id
   * @param status RingCentral's account status word, e.g. {@code Confirmed}
   * @return {@code {"uri":…,"id":…,"status":…}} as UTF-8
   */
  public static byte[] account(String uri, long id, String status) {
    return JsonBytes.write(FACTORY, 128, g -> {
      g.writeStartObject();
      g.writeStringField("uri", uri);
      g.writeNumberField("id", id);
      g.writeStringField("status", status);
      g.writeEndObject();
    });
  }

  /**
   * {@code GET …/extension/{id}}: {@code {"uri":…,"id":…,"extensionNumber":…,"name":…,"type":…,"status":…,
   * "account":{"id":…}}}.
   *
   * @param uri the extension's own URI
   * @param record the extension; its id must be numeric, as RingCentral's are
   * @param accountId the owning account's id
   * @return the body as UTF-8
   * @throws NumberFormatException if the record's id is not a number
   */
  public static byte[] extensionInfo(String uri, ExtensionRecord record, String accountId) {
    return extensionInfo(uri, record, null, accountId);
  }

  /**
   * {@code GET …/extension/{id}} with the extension's {@code contact} after its number, as
   * {@link #extensionList} writes it.
   *
   * @param uri the extension's own URI
   * @param record the extension; its id must be numeric
   * @param contact its contact, or null for none
   * @param accountId the owning account's id
   * @return the body as UTF-8
   * @throws NumberFormatException if the record's id is not a number
   */
  public static byte[] extensionInfo(String uri, ExtensionRecord record, Contact contact, String accountId) {
    return JsonBytes.write(FACTORY, 256, g -> {
      g.writeStartObject();
      g.writeStringField("uri", uri);
      g.writeNumberField("id", Long.parseLong(record.id()));
      g.writeStringField("extensionNumber", record.extensionNumber());
      contact(g, contact);
      g.writeStringField("name", record.name());
      g.writeStringField("type", record.type());
      g.writeStringField("status", record.status());
      g.writeObjectFieldStart("account");
      g.writeStringField("id", accountId);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  /**
   * The first part of a batch presence answer ({@code multipart/mixed}):
   * {@code {"response":[{"href":…,"status":…,"responseDescription":"OK"|"Not Found"}, …]}}, where each
   * href is {@code accountUri + "/extension/" + id + "/presence"}.
   *
   * @param accountUri the account's URI, without a trailing slash
   * @param parts each requested extension's outcome, in request order
   * @return the summary part's body as UTF-8
   */
  public static byte[] batchSummary(String accountUri, List<BatchPart> parts) {
    return JsonBytes.write(FACTORY, 128 + 128 * parts.size(), g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("response");
      for (BatchPart part : parts) {
        g.writeStartObject();
        g.writeStringField("href", accountUri + "/extension/" + part.extensionId() + "/presence");
        g.writeNumberField("status", part.status());
        g.writeStringField("responseDescription", part.status() == 200 ? "OK" : "Not Found");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /**
   * One page of {@code GET …/account/~/presence}: {@code uri}, the encoded {@code records} as they are,
   * {@code paging} (with {@code pageStart}/{@code pageEnd} only when the page has records) and
   * {@code navigation} (first, next and previous when they exist, last). Page URIs are {@code base}
   * followed by {@code page=P&perPage=N}.
   *
   * @param base the page URI up to its paging parameters, ending in {@code ?} or {@code &}
   * @param page this page's number, from 1
   * @param perPage the page size asked for
   * @param totalPages how many pages there are
   * @param totalElements how many records all pages hold
   * @param records this page's records, each an encoded extension presence
   * @return the page's body as UTF-8
   */
  public static byte[] accountPresencePage(
      String base, int page, int perPage, int totalPages, int totalElements, List<byte[]> records) {
    int size = 512 + records.stream().mapToInt(r -> r.length + 1).sum();
    return JsonBytes.write(FACTORY, size, g -> {
      g.writeStartObject();
      g.writeStringField("uri", pageUri(base, page, perPage));
      g.writeArrayFieldStart("records");
      for (byte[] r : records) {
        g.writeRawValue(new String(r, StandardCharsets.UTF_8));
      }
      g.writeEndArray();
      g.writeObjectFieldStart("paging");
      g.writeNumberField("page", page);
      g.writeNumberField("totalPages", totalPages);
      g.writeNumberField("perPage", perPage);
      g.writeNumberField("totalElements", totalElements);
      if (!records.isEmpty()) {
        g.writeNumberField("pageStart", (page - 1) * perPage);
        g.writeNumberField("pageEnd", (page - 1) * perPage + records.size() - 1);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("navigation");
      navigation(g, "firstPage", base, 1, perPage);
      if (page < totalPages) {
        navigation(g, "nextPage", base, page + 1, perPage);
      }
      if (page > 1) {
        navigation(g, "previousPage", base, Math.min(page - 1, totalPages), perPage);
      }
      navigation(g, "lastPage", base, totalPages, perPage);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private static void navigation(JsonGenerator g, String name, String base, int page, int perPage) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("uri", pageUri(base, page, perPage));
    g.writeEndObject();
  }

  private static String pageUri(String base, int page, int perPage) {
    return base + "page=" + page + "&perPage=" + perPage;
  }
}
