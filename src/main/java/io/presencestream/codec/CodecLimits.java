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
    return new CodecLimits(
        DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ACTIVE_CALLS, DEFAULT_MAX_PAGE_RECORDS);
  }

  /** A copy with another document size limit. */
  public CodecLimits withMaxDocumentBytes(int bytes) {
    return new CodecLimits(bytes, maxDepth, maxActiveCalls, maxPageRecords);
  }

  /** A copy with another nesting limit. */
  public CodecLimits withMaxDepth(int depth) {
    return new CodecLimits(maxDocumentBytes, depth, maxActiveCalls, maxPageRecords);
  }

  /** A copy with another limit on active calls per message. */
  public CodecLimits withMaxActiveCalls(int calls) {
    return new CodecLimits(maxDocumentBytes, maxDepth, calls, maxPageRecords);
  }

  /** A copy with another limit on records per account presence page. */
  public CodecLimits withMaxPageRecords(int records) {
    return new CodecLimits(maxDocumentBytes, maxDepth, maxActiveCalls, records);
  }
}
