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
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1 << 20;

  /** Deep enough for every RingCentral payload we know (the deepest needs 6), shallow enough to be cheap. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** RingCentral lists a handful of calls per extension; 256 leaves room for a busy queue. */
  public static final int DEFAULT_MAX_ACTIVE_CALLS = 256;

  /** RingCentral's largest {@code perPage} is 1000. */
  public static final int DEFAULT_MAX_PAGE_RECORDS = 1000;

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

  /** 1 MiB, depth 32, 256 active calls, 1000 page records. */
  public static CodecLimits defaults() {
    return builder().build();
  }

  /** A builder holding the {@link #defaults()}; {@link Builder#build()} validates. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these limits, to change some of them. */
  public Builder mutate() {
    return new Builder(this);
  }

  /**
   * Collects codec limits; each method sets the limit of the same name and {@link #build()} validates
   * them all, naming the first one that is out of range.
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

    /** Largest accepted document in bytes, or chars for text input (default 1 MiB, at least 64). */
    public Builder maxDocumentBytes(int value) {
      maxDocumentBytes = value;
      return this;
    }

    /** Deepest accepted nesting of arrays and objects (default 32, at least 8). */
    public Builder maxDepth(int value) {
      maxDepth = value;
      return this;
    }

    /** Most entries accepted in one {@code activeCalls} list or a state's {@code calls} (default 256). */
    public Builder maxActiveCalls(int value) {
      maxActiveCalls = value;
      return this;
    }

    /** Most {@code records} accepted in one account presence page (default 1000). */
    public Builder maxPageRecords(int value) {
      maxPageRecords = value;
      return this;
    }

    /** Validates and builds the limits; the exception names the bad limit. */
    public CodecLimits build() {
      return new CodecLimits(maxDocumentBytes, maxDepth, maxActiveCalls, maxPageRecords);
    }
  }
}
