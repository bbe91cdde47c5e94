package io.presencestream.codec;

import io.presencestream.model.PresenceUpdate;
import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/presence}.
 *
 * @param nextPageUri the {@code navigation.nextPage.uri}, or null on the last page
 */
public record AccountPresencePage(List<PresenceUpdate> records, int page, int totalPages, String nextPageUri) {
  public AccountPresencePage {
    records = List.copyOf(records);
  }
}
