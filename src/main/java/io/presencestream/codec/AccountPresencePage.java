package io.presencestream.codec;

import io.presencestream.model.PresenceUpdate;
import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/presence}, as {@link PresenceCodec} decodes it.
 *
 * @param records the extensions' presences on this page, in RingCentral's order; never null
 * @param page this page's number, from 1
 * @param totalPages how many pages the account's presence spans, at least {@code page}
 * @param nextPageUri the {@code navigation.nextPage.uri}, or null on the last page
 */
public record AccountPresencePage(List<PresenceUpdate> records, int page, int totalPages, String nextPageUri) {
  /**
   * Copies {@code records}, so that a page cannot change after it was decoded.
   *
   * @param records the extensions' presences on this page
   * @param page this page's number, from 1
   * @param totalPages how many pages there are
   * @param nextPageUri the next page's URI, or null on the last page
   * @throws NullPointerException if {@code records} is null or holds a null
   */
  public AccountPresencePage {
    records = List.copyOf(records);
  }
}
