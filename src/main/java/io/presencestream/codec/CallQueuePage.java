package io.presencestream.codec;

import io.presencestream.model.CallQueue;
import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/call-queues}, as {@link CallQueueCodec} decodes it.
 *
 * @param queues the queues on this page, in RingCentral's order, each without members (the list does not
 *     carry them); never null
 * @param nextPageUri the {@code navigation.nextPage.uri}, or null on the last page
 */
public record CallQueuePage(List<CallQueue> queues, String nextPageUri) {
  /**
   * Copies the queues.
   *
   * @param queues the queues on this page
   * @param nextPageUri the next page's URI, or null
   * @throws NullPointerException if {@code queues} is null or holds a null
   */
  public CallQueuePage {
    queues = List.copyOf(queues);
  }
}
