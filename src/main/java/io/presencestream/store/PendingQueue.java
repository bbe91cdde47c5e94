package io.presencestream.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's bounded FIFO between the engine (one producer) and its two consumers, the database writer and
 * the spiller. A plain monitor: each section is a few pointer moves and calls no other code.
 */
final class PendingQueue<T> {

  private final ArrayDeque<T> items;
  private final int capacity;

  PendingQueue(int capacity) {
    this.capacity = capacity;
    this.items = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** {@return false when full (the item is not queued)} */
  synchronized boolean offer(T item) {
    if (items.size() >= capacity) {
      return false;
    }
    items.addLast(item);
    return true;
  }

  synchronized List<T> poll(int max) {
    int n = Math.min(max, items.size());
    List<T> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(items.pollFirst());
    }
    return batch;
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
