package io.presencestream.analytics;

import io.presencestream.model.StateSpan;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A day's closed timeline spans, appended by the serial stage and read by any thread through immutable
 * {@link #view() views}: an append writes only past every published view's end, and the array is replaced
 * (never rewritten) when it grows or when the cap drops the oldest spans, so a view never changes.
 *
 * <p>At most {@link #MAX_SPANS} spans are kept: when full, the oldest tenth is dropped at once (one copy per
 * 200 spans, not per span). The day's figures are accumulated separately and still count the dropped spans.
 */
final class SpanLog {

  /** The most spans a day's timeline keeps. */
  static final int MAX_SPANS = 2000;

  private StateSpan[] spans = new StateSpan[16];
  private int size;
  private int dropped;

  void append(StateSpan span) {
    if (size == MAX_SPANS) {
      int drop = MAX_SPANS / 10;
      StateSpan[] kept = new StateSpan[MAX_SPANS];
      System.arraycopy(spans, drop, kept, 0, size - drop);
      spans = kept;
      size -= drop;
      dropped += drop;
    } else if (size == spans.length) {
      spans = Arrays.copyOf(spans, Math.min(MAX_SPANS, spans.length * 2));
    }
    spans[size++] = span;
  }

  /** How many spans the cap has dropped today. */
  int dropped() {
    return dropped;
  }

  /** The spans so far, as a list that never changes. */
  List<StateSpan> view() {
    StateSpan[] array = spans;
    int n = size;
    return new AbstractList<>() {
      @Override
      public StateSpan get(int index) {
        if (index < 0 || index >= n) {
          throw new IndexOutOfBoundsException(index);
        }
        return array[index];
      }

      @Override
      public int size() {
        return n;
      }
    };
  }
}
