package io.presencestream.codec.protocol;

import java.util.List;

/**
 * One page of {@code GET /restapi/v1.0/account/~/extension}.
 *
 * @param uri this page's URI, or null
 * @param records the extensions on this page, never null
 * @param paging the page's position in the list, or null when absent
 * @param nextPageUri {@code navigation.nextPage.uri}, or null on the last page
 */
public record ExtensionListPage(String uri, List<ExtensionRecord> records, Paging paging, String nextPageUri)
    implements ProtocolBody {

  /**
   * Copies {@code records}; a null list becomes empty.
   *
   * @param uri this page's URI, or null
   * @param records the extensions on this page, or null for none
   * @param paging the page's position, or null
   * @param nextPageUri the next page's URI, or null on the last page
   */
  public ExtensionListPage {
    records = records == null ? List.of() : List.copyOf(records);
  }
}
