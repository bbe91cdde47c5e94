package io.presencestream.codec;

import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/call-queues/{id}/members}, as {@link CallQueueCodec}
 * decodes it: who is a member, without the members' queue flags (those come with {@code …/presence}).
 *
 * @param extensionIds the members' extension ids, in RingCentral's order; never null
 * @param nextPageUri the {@code navigation.nextPage.uri}, or null on the last page
 */
public record CallQueueMembersPage(List<String> extensionIds, String nextPageUri) {
  /**
   * Copies the ids.
   *
   * @param extensionIds the members' ids
   * @param nextPageUri the next page's URI, or null
   * @throws NullPointerException if {@code extensionIds} is null or holds a null
   */
  public CallQueueMembersPage {
    extensionIds = List.copyOf(extensionIds);
  }
}
