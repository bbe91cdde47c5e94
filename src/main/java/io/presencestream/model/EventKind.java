package io.presencestream.model;

/** The kinds of {@link PresenceEvent}, with the names used in presence-stream's JSON and filters. */
public enum EventKind {
  PRESENCE("presence"),
  CALL_NEW("call.new"),
  CALL_RINGING("call.ringing"),
  CALL_UPDATED("call.updated"),
  CALL_ENDED("call.ended");

  private final String label;

  EventKind(String label) {
    this.label = label;
  }

  /** The name used in JSON and in filters, e.g. {@code call.ended}. */
  public String label() {
    return label;
  }

  /** Parses a name as written in a filter; throws {@link IllegalArgumentException} naming the valid ones. */
  public static EventKind parse(String label) {
    for (EventKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown event kind '" + label + "' (expected presence, call.new, call.ringing, call.updated or call.ended)");
  }
}
