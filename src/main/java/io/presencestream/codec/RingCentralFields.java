package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.model.Labeled;
import io.presencestream.model.SipData;
import java.io.IOException;
import java.time.Instant;

/**
 * Field writers for RingCentral's wire form, shared by {@link RingCentralWriter} (presence) and
 * {@link TelephonySessionWriter} (telephony sessions), which must write the same way: an absent (null) value is
 * left out, as RingCentral does, where presence-stream's own schema ({@link EventJson}) writes {@code null};
 * times are ISO-8601 instants ({@link Instant#toString()}, so nothing is lost).
 */
final class RingCentralFields {

  private RingCentralFields() {}

  static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  static void bool(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  static void label(JsonGenerator g, String name, Labeled value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value.label());
    }
  }

  static void time(JsonGenerator g, String name, Instant value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value.toString());
    }
  }

  /** A call's or party's {@code sipData} object; nothing at all when there is none. */
  static void sipData(JsonGenerator g, SipData s) throws IOException {
    if (s == null) {
      return;
    }
    g.writeFieldName("sipData");
    g.writeStartObject();
    string(g, "toTag", s.toTag());
    string(g, "fromTag", s.fromTag());
    string(g, "remoteUri", s.remoteUri());
    string(g, "localUri", s.localUri());
    string(g, "callId", s.callId());
    g.writeEndObject();
  }
}
