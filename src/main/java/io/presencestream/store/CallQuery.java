package io.presencestream.store;

import io.presencestream.model.SessionResult;
import java.time.Instant;
import java.util.Objects;

/**
 * Which call records to read: those that started in {@code [from, to)}, optionally of one extension, one
 * queue or one result, newest first, one page at a time.
 *
 * @param from the earliest start time, inclusive
 * @param to the latest start time, exclusive
 * @param extensionId only this extension's calls, or null for all
 * @param queueId only calls through this queue, or null for all
 * @param result only calls with this result, or null for all
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the previous page's {@link CallPage#nextCursor()}, or null for the first page
 */
public record CallQuery(
    Instant from, Instant to, String extensionId, String queueId, SessionResult result, int limit, String cursor) {

  /** The page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page: a bigger export reads several pages. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Validates the query.
   *
   * @param from as above
   * @param to as above
   * @param extensionId as above
   * @param queueId as above
   * @param result as above
   * @param limit as above
   * @param cursor as above
   * @throws NullPointerException if {@code from} or {@code to} is null
   * @throws IllegalArgumentException if {@code to} is not after {@code from} or the limit is out of range
   */
  public CallQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to must be after from");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /**
   * All calls that started in {@code [from, to)}, first page, default size.
   *
   * @param from the earliest start time, inclusive
   * @param to the latest start time, exclusive
   * @return the query
   */
  public static CallQuery between(Instant from, Instant to) {
    return new CallQuery(from, to, null, null, null, DEFAULT_LIMIT, null);
  }

  /**
   * This query for the page after {@code cursor}.
   *
   * @param cursor a {@link CallPage#nextCursor()}
   * @return the query for the next page
   */
  public CallQuery after(String cursor) {
    return new CallQuery(from, to, extensionId, queueId, result, limit, cursor);
  }
}
