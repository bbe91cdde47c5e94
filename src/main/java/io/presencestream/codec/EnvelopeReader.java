package io.presencestream.codec;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.presencestream.codec.ParserValues.Problems;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * RingCentral's notification envelope {@code {uuid, event, timestamp, subscriptionId, ownerId, body}},
 * alone or as the second element of a WebSocket frame {@code [header, envelope]}, read in one streaming
 * pass. What the body holds is a {@link Feed}'s business: presence ({@link RingCentralReader}) and
 * telephony sessions ({@link TelephonySessionReader}) share everything else, so both accept the same
 * frames, order fields the same way and word their errors alike.
 *
 * <p>Which feed a notification belongs to is said by its {@code event} path, which may come after the body
 * (field order is free). Read for one feed, the body is read as it comes and the verdict waits for the
 * end of the envelope. Read for several ({@link #readAny}), a body that comes first is kept as tokens and
 * read once the path is known, so the usual order (event first) costs nothing extra.
 *
 * <p>The verdict "not this feed's" is reached before "malformed": a message-store notification is not a
 * malformed presence notification.
 */
final class EnvelopeReader {

  private static final String SERVER_NOTIFICATION = "ServerNotification";

  private EnvelopeReader() {}

  /** The envelope's own fields, as read; filled while streaming (one object per decode, handed to the feed as is). */
  static final class Envelope {
    final Problems problems = new Problems();
    private String uuid;
    private String event;
    private Instant timestamp;
    private String subscriptionId;
    private String ownerId;
    private boolean sawBody;

    String uuid() {
      return uuid;
    }

    String event() {
      return event;
    }

    Instant timestamp() {
      return timestamp;
    }

    String subscriptionId() {
      return subscriptionId;
    }

    String ownerId() {
      return ownerId;
    }

    /** Reads a field other than {@code body}; false for {@code body}, which the caller reads. */
    boolean read(JsonParser p, String name, JsonToken t) throws IOException {
      switch (name) {
        case "uuid" -> uuid = ParserValues.id(p, t, problems, "uuid");
        case "event" -> event = ParserValues.string(p, t, problems, "event");
        case "timestamp" -> timestamp = ParserValues.time(p, t, problems, "timestamp");
        case "subscriptionId" -> subscriptionId = ParserValues.id(p, t, problems, "subscriptionId");
        case "ownerId" -> ownerId = ParserValues.id(p, t, problems, "ownerId");
        case "body" -> {
          sawBody = true;
          return false;
        }
        default -> p.skipChildren();
      }
      return true;
    }
  }

  /**
   * One feed's notifications inside the shared envelope.
   *
   * @param <B> what the body is read into while streaming
   * @param <N> the notification record
   */
  interface Feed<B, N> {

    /** Whether an event path is this feed's. */
    boolean ownsEvent(String event);

    /** Reads the body; the parser is on its START_OBJECT. Shape problems are noted, not thrown. */
    B body(JsonParser p, Problems problems) throws IOException;

    /** Without an event path: whether the body says it is this feed's. */
    boolean claims(B body);

    /** The notification from a body known to be this feed's; {@link Malformed} for what is missing. */
    N notification(Envelope envelope, B body);

    /** "not this feed's", with the feed's reason (NOT_PRESENCE, NOT_TELEPHONY_SESSION). */
    Malformed foreign(String detail);

    /** The feed's name in messages: {@code presence}, {@code telephony-session}. */
    String noun();

    /** The body field that identifies a notification without event path: {@code extensionId}, … */
    String identity();
  }

  /** A notification of {@code feed}; the parser is before the first token. */
  static <B, N> N read(JsonParser p, Feed<B, N> feed) throws IOException {
    JsonToken t = first(p);
    N n;
    if (t == START_OBJECT) {
      n = envelope(p, feed);
    } else if (t == START_ARRAY) {
      frameHeader(p, feed);
      n = envelope(p, feed);
      frameEnd(p);
    } else {
      throw Malformed.shape("expected a notification object or a [header, envelope] array, found " + ParserValues.describe(t));
    }
    RingCentralReader.end(p);
    return n;
  }

  /**
   * A notification of whichever of {@code feeds} its event path names (or, without one, the first whose
   * body claims it); anything else is the first feed's {@link Feed#foreign}.
   */
  static Object readAny(JsonParser p, List<Feed<?, ?>> feeds) throws IOException {
    JsonToken t = first(p);
    Object n;
    Feed<?, ?> first = feeds.get(0);
    if (t == START_OBJECT) {
      n = envelopeOfAny(p, feeds);
    } else if (t == START_ARRAY) {
      frameHeader(p, first);
      n = envelopeOfAny(p, feeds);
      frameEnd(p);
    } else {
      throw Malformed.shape("expected a notification object or a [header, envelope] array, found " + ParserValues.describe(t));
    }
    RingCentralReader.end(p);
    return n;
  }

  /** The frame's header object up to the envelope's START_OBJECT; the parser is on the array's start. */
  private static void frameHeader(JsonParser p, Feed<?, ?> feed) throws IOException {
    JsonToken t = p.nextToken();
    if (t == END_ARRAY) {
      throw Malformed.shape("an empty array is not a WebSocket frame");
    }
    if (t != START_OBJECT) {
      throw Malformed.shape("a WebSocket frame starts with its header object, found " + ParserValues.describe(t));
    }
    String type = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken v = p.nextToken();
      if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
        // almost always ServerNotification: compare in place, create a String only for the others
        type = textIs(p, SERVER_NOTIFICATION) ? SERVER_NOTIFICATION : p.getText();
      } else {
        p.skipChildren();
      }
    }
    if (type == null) {
      throw Malformed.shape("the first element of the array is not a frame header (it has no type)");
    }
    if (!SERVER_NOTIFICATION.equals(type)) {
      throw feed.foreign("a " + RingCentralReader.bounded(type) + " frame, not a ServerNotification");
    }
    t = p.nextToken();
    if (t != START_OBJECT) {
      throw Malformed.shape("a ServerNotification frame needs its envelope object as second element, found "
          + ParserValues.describe(t == END_ARRAY ? null : t));
    }
  }

  private static void frameEnd(JsonParser p) throws IOException {
    if (p.nextToken() != END_ARRAY) {
      throw Malformed.shape("a WebSocket frame has two elements, this one has more");
    }
  }

  /** The envelope object for one feed; the parser is on its START_OBJECT. */
  private static <B, N> N envelope(JsonParser p, Feed<B, N> feed) throws IOException {
    Envelope f = new Envelope();
    B body = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (!f.read(p, name, t)) {
        body = ParserValues.object(p, t, f.problems, "body") ? feed.body(p, f.problems) : null;
      }
    }
    return verdict(feed, f, body);
  }

  /** The envelope object for several feeds; the parser is on its START_OBJECT. */
  private static Object envelopeOfAny(JsonParser p, List<Feed<?, ?>> feeds) throws IOException {
    Envelope f = new Envelope();
    Feed<?, ?> feed = null;
    Object body = null;
    // A body met before the event path, kept as tokens until the path says whose it is.
    TokenBuffer early = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (f.read(p, name, t)) {
        continue;
      }
      if (!ParserValues.object(p, t, f.problems, "body")) {
        early = null;
        body = null;
        feed = null;
      } else if (f.event != null) {
        feed = owner(feeds, f.event);
        if (feed == null) {
          p.skipChildren();
          body = null;
        } else {
          body = feed.body(p, f.problems);
        }
        early = null;
      } else {
        early = TokenBuffer.asCopyOfValue(p);
        body = null;
        feed = null;
      }
    }
    if (f.event != null) {
      if (feed != null) {
        // read as the event then known said; the verdict checks the path it ended with
        return verdictUnchecked(feed, f, body);
      }
      Feed<?, ?> owner = owner(feeds, f.event);
      if (owner == null) {
        throw feeds.get(0).foreign("event " + RingCentralReader.bounded(f.event) + " is not " + nouns(feeds) + " event");
      }
      return early != null ? readBuffered(owner, f, early) : verdictUnchecked(owner, f, null);
    }
    if (early != null) {
      // No event path: the first feed whose body claims the notification; only its problems count.
      for (Feed<?, ?> candidate : feeds) {
        Problems attempt = new Problems();
        Object claimed = claimedBody(candidate, early, attempt);
        if (claimed != null) {
          f.problems.add(attempt);
          return verdictUnchecked(candidate, f, claimed);
        }
      }
    }
    return verdictUnchecked(feeds.get(0), f, null);
  }

  private static Feed<?, ?> owner(List<Feed<?, ?>> feeds, String event) {
    for (Feed<?, ?> feed : feeds) {
      if (feed.ownsEvent(event)) {
        return feed;
      }
    }
    return null;
  }

  /** "a presence or a telephony-session". */
  private static String nouns(List<Feed<?, ?>> feeds) {
    StringBuilder b = new StringBuilder();
    for (Feed<?, ?> feed : feeds) {
      b.append(b.length() == 0 ? "a " : " or a ").append(feed.noun());
    }
    return b.toString();
  }

  private static <B, N> N readBuffered(Feed<B, N> feed, Envelope f, TokenBuffer early) throws IOException {
    try (JsonParser body = early.asParser()) {
      body.nextToken();
      return verdict(feed, f, feed.body(body, f.problems));
    }
  }

  /** The body as {@code feed} reads it, if the body claims to be its; else null. */
  private static <B, N> B claimedBody(Feed<B, N> feed, TokenBuffer early, Problems problems) throws IOException {
    try (JsonParser body = early.asParser()) {
      body.nextToken();
      B read = feed.body(body, problems);
      return feed.claims(read) ? read : null;
    }
  }

  @SuppressWarnings("unchecked")
  private static <B, N> N verdictUnchecked(Feed<B, N> feed, Envelope f, Object body) {
    return verdict(feed, f, (B) body);
  }

  private static <B, N> N verdict(Feed<B, N> feed, Envelope f, B body) {
    String event = f.event;
    if (event != null && !feed.ownsEvent(event)) {
      throw feed.foreign("event " + RingCentralReader.bounded(event) + " is not a " + feed.noun() + " event");
    }
    if (event == null && (body == null || !feed.claims(body))) {
      throw feed.foreign(f.sawBody
          ? "no event, and the body has no " + feed.identity()
          : "neither a " + feed.noun() + " event nor a body");
    }
    f.problems.throwIfAny();
    if (body == null) {
      throw Malformed.shape("a " + feed.noun() + " notification needs a body object");
    }
    N n = feed.notification(f, body);
    if (f.ownerId != null) {
      ExtensionIds.require(f.ownerId, "ownerId");
    }
    return n;
  }

  // ---------------------------------------------------------------- helpers

  /** Whether the current string value is {@code expected}, read from the parser's buffer. */
  static boolean textIs(JsonParser p, String expected) throws IOException {
    int length = p.getTextLength();
    if (length != expected.length()) {
      return false;
    }
    char[] text = p.getTextCharacters();
    int offset = p.getTextOffset();
    for (int i = 0; i < length; i++) {
      if (text[offset + i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static JsonToken first(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new Malformed(DecodeException.Reason.NOT_JSON, "empty input");
    }
    return t;
  }
}
