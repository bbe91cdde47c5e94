package io.presencestream.model;

/**
 * How a queue call left its queue ({@link QueueCallOutcome#result()}), in the words of docs/contact-centre.md:
 * the label is the word written in JSON and stored in the history.
 */
public enum QueueCallResult implements Labeled {
  /** An agent answered it. */
  ANSWERED("answered"),
  /** The caller hung up before any agent answered (or no agent rang it for the whole gap grace). */
  ABANDONED("abandoned"),
  /** The session went on elsewhere unanswered: voicemail, or another queue. */
  OVERFLOWED("overflowed");

  private final String label;

  QueueCallResult(String label) {
    this.label = label;
  }

  /** The word written in JSON, e.g. {@code abandoned}. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Parses the JSON word. This is presence-stream's own vocabulary, so an unknown word is an error.
   *
   * @param label the word, e.g. {@code overflowed}
   * @return the result
   * @throws IllegalArgumentException for null or any other word
   */
  public static QueueCallResult parse(String label) {
    QueueCallResult result = Labeled.parse(values(), label, null);
    if (result == null) {
      throw new IllegalArgumentException("unknown queue call result '" + label + "'");
    }
    return result;
  }
}
