package io.presencestream.codec;

import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;

/**
 * The one place that knows RingCentral's and presence-stream's JSON field names. Thread-safe;
 * create one and share it. Every decode method throws only {@link DecodeException}.
 */
public final class PresenceCodec {

  /** A codec with the default limits. */
  public static PresenceCodec create() {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Decodes a notification envelope, or a WebSocket frame array {@code [header, envelope]} carrying one. */
  public Notification decodeMessage(byte[] json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Same as {@link #decodeMessage(byte[])} for text. */
  public Notification decodeMessage(String json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Decodes {@code GET …/extension/{id}/presence?detailedTelephonyState=true&sipData=true}. */
  public PresenceUpdate decodeExtensionPresence(byte[] json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Decodes one page of {@code GET …/account/~/presence?detailedTelephonyState=true&sipData=true}. */
  public AccountPresencePage decodeAccountPresencePage(byte[] json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Encodes a notification envelope as RingCentral sends it (used by the simulator). */
  public byte[] encodeNotification(Notification notification) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Encodes a REST extension presence response as RingCentral sends it (used by the simulator). */
  public byte[] encodeExtensionPresence(PresenceUpdate presence) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Encodes an event in presence-stream's event schema (SSE, JSON lines, webhooks, Kafka). */
  public String encodeEvent(PresenceEvent event) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Decodes an event written by {@link #encodeEvent}. */
  public PresenceEvent decodeEvent(String json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Encodes the state of one extension (HTTP state API, Kafka state topic). */
  public String encodeState(ExtensionState state) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }

  /** Decodes a state written by {@link #encodeState}. */
  public ExtensionState decodeState(String json) {
    throw new UnsupportedOperationException("codec: to be implemented");
  }
}
