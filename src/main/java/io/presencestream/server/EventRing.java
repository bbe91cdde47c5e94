package io.presencestream.server;

/**
 * The hub's published events, newest {@code capacity} of them: history for resume and the queue every
 * subscriber reads with its own cursor. One writer (under the hub's lock); any number of readers without
 * locks: a slot is written before the volatile {@code head} that makes it visible, and an entry is
 * immutable, so a reader sees either the event it expects or, if it was overtaken, a newer one, which it
 * detects by the sequence number.
 */
final class EventRing {

  /**
   * A published event with its SSE frame in UTF-8, encoded once for all subscribers (never modified), and
   * when the input behind it was received, in nanoseconds since the epoch ({@link #UNKNOWN} if not known),
   * for the delivery latency.
   *
   * <p>The frame is a heap array. The transport sends only direct memory: an event loop copies a batch
   * into a pooled direct buffer that consecutive writes of the same frames share ({@link
   * SharedBatchCopy}), released as soon as they have sent it. Frames kept in direct memory by the ring
   * itself were tried and taken out: the JDK frees such memory only when the collector clears the buffer
   * object, and an entry of a quiet stream lives for minutes (benchmarks/RESULTS.md, "The write path
   * reworked").
   */
  record Entry(long sequence, StreamItem.Event event, byte[] frame, long receivedAt) {
    Entry(long sequence, StreamItem.Event event, byte[] frame) {
      this(sequence, event, frame, UNKNOWN);
    }
  }

  /** {@link Entry#receivedAt()} of an event whose receipt time is not known. */
  static final long UNKNOWN = Long.MIN_VALUE;

  /** {@code instant} in nanoseconds since the epoch (long enough until the year 2262), or {@link #UNKNOWN} for null. */
  static long epochNanos(java.time.Instant instant) {
    return instant == null ? UNKNOWN : instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  private final Entry[] slots;
  private final int mask;
  private volatile long head = -1;

  private EventRing(int capacity) {
    this.slots = new Entry[capacity];
    this.mask = capacity - 1;
  }

  /**
   * A ring holding at least {@code historySize} events and at least 1,024, a power of two. Subscribers
   * are swept every quarter ring ({@link #sweepInterval()}), so none is ever more than half a ring behind
   * unread, and the ring never overwrites what a subscriber has not consumed.
   */
  static EventRing forSizes(int historySize, int clientBufferSize) {
    int wanted = Math.max(Math.max(historySize, 2 * clientBufferSize), 1024);
    int capacity = Integer.highestOneBit(wanted - 1) << 1;
    return new EventRing(capacity);
  }

  int capacity() {
    return slots.length;
  }

  int sweepInterval() {
    return slots.length / 4;
  }

  /** Sequence number of the newest entry (0-based), -1 before any. */
  long head() {
    return head;
  }

  /** Only the hub's single writer calls this. */
  void append(Entry entry) {
    long next = head + 1;
    slots[(int) (next & mask)] = entry;
    head = next;
  }

  /** The entry stored for {@code sequence}: it, or a newer one if the ring has overwritten it. */
  Entry get(long sequence) {
    return slots[(int) (sequence & mask)];
  }
}
