package io.presencestream.codec;

/**
 * Bounds on what {@link PresenceCodec} agrees to parse, so that one hostile or broken message costs a
 * bounded amount of memory and time and ends as a {@link DecodeException} rather than an outage.
 *
 * @param maxDocumentBytes largest accepted document, in bytes (for {@code String} input: in chars)
 * @param maxDepth deepest accepted nesting of arrays and objects; real payloads need about 6
 * @param maxActiveCalls most entries accepted in one {@code activeCalls} list (and in a state's {@code calls})
 * @param maxPageRecords most {@code records} accepted in one account presence page
 */
public record CodecLimits(int maxDocumentBytes, int maxDepth, int maxActiveCalls, int maxPageRecords) {

  /** 1 MiB documents. */
  private static final int DEFAULT_MAX_DOCUMENT_BYTES = 1 << 20;

  /** Deep enough for every RingCentral payload we know (the deepest needs 6), shallow enough to be cheap. */
  private static final int DEFAULT_MAX_DEPTH = 32;

  /** RingCentral lists a handful of calls per extension; 256 leaves room for a busy queue. */
  private static final int DEFAULT_MAX_ACTIVE_CALLS = 256;

  /** RingCentral's largest {@code perPage} is 1000. */
  private static final int DEFAULT_MAX_PAGE_RECORDS = 1000;

  /**
   * Validates the limits.
   *
   * @param maxDocumentBytes largest accepted document, at least 64
   * @param maxDepth deepest accepted nesting, at least 8
   * @param maxActiveCalls most calls accepted in one list, at least 1
   * @param maxPageRecords most records accepted in one page, at least 1
   * @throws IllegalArgumentException naming the first limit below its minimum: 64 bytes, depth 8, one
   *     active call, one page record
   */
  public CodecLimits {
    if (maxDocumentBytes < 64) {
      throw new IllegalArgumentException("maxDocumentBytes must be at least 64, was " + maxDocumentBytes);
    }
    if (maxDepth < 8) {
      // the REST account page (page → records → record → activeCalls → call → sipData) needs 6
      throw new IllegalArgumentException("maxDepth must be at least 8, was " + maxDepth);
    }
    if (maxActiveCalls < 1) {
      throw new IllegalArgumentException("maxActiveCalls must be at least 1, was " + maxActiveCalls);
    }
    if (maxPageRecords < 1) {
      throw new IllegalArgumentException("maxPageRecords must be at least 1, was " + maxPageRecords);
    }
  }

  /**
   * The limits {@link PresenceCodec#create()} uses.
   *
   * @return 1 MiB documents, depth 32, 256 active calls, 1000 page records
   */
  public static CodecLimits defaults() {
    return builder().build();
  }

  /**
   * Starts from the defaults, to change some of them.
   *
   * @return a new builder holding the {@link #defaults()}; {@link Builder#build()} validates
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts from these limits, to change some of them; this record stays as it is.
   *
   * @return a new builder holding these limits
   */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects codec limits; each method sets the limit of the same name and {@link #build()} validates
   * them all, naming the first one that is out of range. Not thread-safe: build on one thread, then
   * share the immutable result.
   */
  public static final class Builder {
    private int maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxActiveCalls = DEFAULT_MAX_ACTIVE_CALLS;
    private int maxPageRecords = DEFAULT_MAX_PAGE_RECORDS;

    private Builder() {}

    private Builder(CodecLimits limits) {
      maxDocumentBytes = limits.maxDocumentBytes;
      maxDepth = limits.maxDepth;
      maxActiveCalls = limits.maxActiveCalls;
      maxPageRecords = limits.maxPageRecords;
    }

    /**
     * Sets the largest accepted document.
     *
     * @param value in bytes, or chars for text input (default 1 MiB, at least 64)
     * @return this builder
     */
    public Builder maxDocumentBytes(int value) {
      maxDocumentBytes = value;
      return this;
    }

    /**
     * Sets the deepest accepted nesting of arrays and objects.
     *
     * @param value levels of nesting (default 32, at least 8)
     * @return this builder
     */
    public Builder maxDepth(int value) {
      maxDepth = value;
      return this;
    }

    /**
     * Sets the most entries accepted in one {@code activeCalls} list or a state's {@code calls}.
     *
     * @param value a count of calls (default 256, at least 1)
     * @return this builder
     */
    public Builder maxActiveCalls(int value) {
      maxActiveCalls = value;
      return this;
    }

    /**
     * Sets the most {@code records} accepted in one account presence page.
     *
     * @param value a count of records (default 1000, at least 1)
     * @return this builder
     */
    public Builder maxPageRecords(int value) {
      maxPageRecords = value;
      return this;
    }

    /**
     * Validates and builds the limits.
     *
     * @return the limits set so far, the others at their defaults
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public CodecLimits build() {
      return new CodecLimits(maxDocumentBytes, maxDepth, maxActiveCalls, maxPageRecords);
    }
  }
}
