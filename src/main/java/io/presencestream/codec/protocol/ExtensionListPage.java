package io.presencestream.codec.protocol;

import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/extension}.
 *
 * @param nextPageUri {@code navigation.nextPage.uri}, or null on the last page
 */
public record ExtensionListPage(String uri, List<ExtensionRecord> records, Paging paging, String nextPageUri)
    implements ProtocolBody {

  public ExtensionListPage {
    records = records == null ? List.of() : List.copyOf(records);
  }
}
