package io.presencestream.store;

import io.presencestream.model.CallRecord;
import java.util.List;

/**
 * One page of call records, newest start first.
 *
 * @param calls the records, at most the query's limit
 * @param nextCursor pass it as the next query's cursor ({@link CallQuery#after}) for the following page;
 *     null on the last page
 */
public record CallPage(List<CallRecord> calls, String nextCursor) {
  /**
   * Copies the list.
   *
   * @param calls the records
   * @param nextCursor the cursor of the next page, or null
   */
  public CallPage {
    calls = List.copyOf(calls);
  }
}
