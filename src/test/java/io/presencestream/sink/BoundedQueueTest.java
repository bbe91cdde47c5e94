package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedQueueTest {

  @Test
  void dropNewestKeepsWhatWasQueued() {
    BoundedQueue<Integer> queue = new BoundedQueue<>(2, QueueOverflow.DROP_NEWEST);
    assertThat(queue.offer(1)).isEqualTo(BoundedQueue.Offer.ACCEPTED);
    assertThat(queue.offer(2)).isEqualTo(BoundedQueue.Offer.ACCEPTED);
    assertThat(queue.offer(3)).isEqualTo(BoundedQueue.Offer.REJECTED);
    assertThat(queue.pollAll()).containsExactly(1, 2);
  }

  @Test
  void dropOldestMakesRoomForTheNewest() {
    BoundedQueue<Integer> queue = new BoundedQueue<>(2, QueueOverflow.DROP_OLDEST);
    queue.offer(1);
    queue.offer(2);
    assertThat(queue.offer(3)).isEqualTo(BoundedQueue.Offer.ACCEPTED_DROPPED_OLDEST);
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.poll(1)).containsExactly(2);
    assertThat(queue.poll(5)).containsExactly(3);
    assertThat(queue.isEmpty()).isTrue();
  }
}
