package io.presencestream.model;

/** How urgent an {@link Alert} is, as configured on its {@link AlertRule}; the label is the JSON word. */
public enum AlertSeverity implements Labeled {
  /** Worth knowing. */
  INFO("info"),
  /** Needs attention soon. */
  WARNING("warning"),
  /** Needs attention now. */
  CRITICAL("critical");

  private final String label;

  AlertSeverity(String label) {
    this.label = label;
  }

  /** The word written in JSON and YAML, e.g. {@code warning}. */
  @Override
  public String label() {
    return label;
  }

  /**
   * Parses the JSON or YAML word.
   *
   * @param label {@code info}, {@code warning} or {@code critical}
   * @return the severity
   * @throws IllegalArgumentException for null or any other word
   */
  public static AlertSeverity parse(String label) {
    AlertSeverity s = Labeled.parse(values(), label, null);
    if (s == null) {
      throw new IllegalArgumentException("unknown severity '" + label + "' (expected info, warning or critical)");
    }
    return s;
  }
}
