package io.presencestream.sink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded FIFO shared by any producer and one consumer. A plain lock is enough: the sections are a few
 * pointer moves and the producer (the engine) is a single thread.
 */
final class BoundedQueue<T> {

  /** What {@link #offer} did. */
  enum Offer {
    ACCEPTED,
    /** Accepted, and the oldest element was dropped to make room. */
    ACCEPTED_DROPPED_OLDEST,
    /** Rejected: the queue is full and keeps its oldest elements. */
    REJECTED
  }

  private final ArrayDeque<T> items;
  private final int capacity;
  private final QueueOverflow overflow;

  BoundedQueue(int capacity, QueueOverflow overflow) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
    }
    this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    this.capacity = capacity;
    this.overflow = overflow;
  }

  synchronized Offer offer(T item) {
    if (items.size() < capacity) {
      items.addLast(item);
      return Offer.ACCEPTED;
    }
    if (overflow == QueueOverflow.DROP_NEWEST) {
      return Offer.REJECTED;
    }
    items.pollFirst();
    items.addLast(item);
    return Offer.ACCEPTED_DROPPED_OLDEST;
  }

  /** Removes and returns up to {@code max} elements, oldest first (empty when there are none). */
  synchronized List<T> poll(int max) {
    int n = Math.min(max, items.size());
    List<T> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(items.pollFirst());
    }
    return batch;
  }

  synchronized List<T> pollAll() {
    return poll(items.size());
  }

  synchronized int size() {
    return items.size();
  }

  synchronized boolean isEmpty() {
    return items.isEmpty();
  }

  int capacity() {
    return capacity;
  }
}
