package io.presencestream.store;

import io.presencestream.codec.HistoryJson;
import io.presencestream.codec.HttpJson;
import io.presencestream.model.Labeled;
import io.presencestream.model.SessionResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The history's HTTP surface, independent of any server: the daemon's server hands it the path and query
 * of each request under {@code /api/history/} and sends back what it answers (docs/http-api.md, "History").
 *
 * <p>{@code GET /api/history/calls?from=&to=&extension=&queue=&result=&limit=&cursor=&format=}: call records
 * that started in {@code [from, to)}, newest first, as JSON ({@code {"calls":[…],"nextCursor":…}}) or as CSV
 * ({@code Accept: text/csv} or {@code format=csv}). {@code GET /api/history/agents/{id}/day?date=}: an
 * agent's day (the live {@code DAY} shape, its spans as CSV). {@code GET /api/history/queues/{id}?from=&to=&interval=}:
 * a queue's figures per interval of 15m, 1h or 1d (one CSV line per interval). Times are read and written in the account's zone. Bad
 * parameters are {@code 400} with a JSON error naming the parameter; a database that does not answer is
 * {@code 503}.
 */
public final class HistoryApi {

  private static final Logger log = LoggerFactory.getLogger(HistoryApi.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
  private static final String JSON = "application/json";
  private static final String CSV = "text/csv; charset=utf-8; header=present";

  /**
   * What to answer.
   *
   * @param status the HTTP status
   * @param contentType the body's type
   * @param body the body
   * @param headers further headers (e.g. {@code Link} to the next page)
   */
  public record Response(int status, String contentType, String body, Map<String, String> headers) {
    /**
     * Copies the headers.
     *
     * @param status the HTTP status
     * @param contentType the body's type
     * @param body the body
     * @param headers further headers
     */
    public Response {
      headers = Map.copyOf(headers);
    }
  }

  private final HistoryQueries queries;
  private final ContactCentreQueries contactCentre;
  private final ZoneId zone;
  private final Clock clock;

  HistoryApi(HistoryQueries queries, ContactCentreQueries contactCentre, ZoneId zone, Clock clock) {
    this.queries = queries;
    this.contactCentre = contactCentre;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * Answers one GET request.
   *
   * @param path the request's path, e.g. {@code /api/history/calls}
   * @param query its decoded query parameters, each with every value given
   * @param accept its {@code Accept} header, or null
   * @return the response; never an error signal
   */
  public Mono<Response> get(String path, Map<String, List<String>> query, String accept) {
    try {
      if (path.equals("/api/history/calls")) {
        return calls(path, query, accept);
      }
      Matcher agent = AGENT_DAY.matcher(path);
      if (agent.matches()) {
        return agentDay(pathId(agent.group(1), "agent"), query, accept);
      }
      Matcher queue = QUEUE.matcher(path);
      if (queue.matches()) {
        return queue(pathId(queue.group(1), "queue"), query, accept);
      }
    } catch (BadParameter e) {
      return Mono.just(error(400, e.code, e.getMessage()));
    }
    return Mono.just(error(404, "not_found", "no such history resource (there are GET /api/history/calls,"
        + " /api/history/agents/{id}/day and /api/history/queues/{id})"));
  }

  /**
   * The query parameters of the history API that name an extension, for the server to read as ids or numbers
   * before this API sees them: {@code extension}, and the path segment after each prefix that starts with
   * {@code /} (the agent of {@code /api/history/agents/{id}/day}, the queue of {@code /api/history/queues/{id}}).
   */
  public static final java.util.Set<String> EXTENSION_PARAMETERS =
      java.util.Set.of("extension", "/api/history/agents/", "/api/history/queues/");

  private static final Pattern AGENT_DAY = Pattern.compile("/api/history/agents/([^/]+)/day");
  private static final Pattern QUEUE = Pattern.compile("/api/history/queues/([^/]+)");

  private Mono<Response> calls(String path, Map<String, List<String>> query, String accept) {
    boolean csv = csv(query, accept);
    CallQuery calls = callQuery(query);
    return answered("calls", queries.calls(calls)
        .map(page -> {
          Map<String, String> headers = new LinkedHashMap<>();
          if (page.nextCursor() != null) {
            headers.put("Link", "<" + nextLink(path, query, page.nextCursor()) + ">; rel=\"next\"");
          }
          return csv
              ? new Response(200, CSV, CallsCsv.write(page.calls(), zone), headers)
              : new Response(200, JSON, HistoryJson.callPage(page.calls(), page.nextCursor(), zone), headers);
        }));
  }

  /** {@code GET /api/history/agents/{id}/day?date=}: the agent's day in the account's zone, today by default. */
  private Mono<Response> agentDay(String extensionId, Map<String, List<String>> query, String accept) {
    allowOnly(query, List.of("date", "format"));
    boolean csv = csv(query, accept);
    String dateText = single(query, "date");
    LocalDate day;
    try {
      day = dateText == null ? LocalDate.now(clock.withZone(zone)) : LocalDate.parse(dateText.trim());
    } catch (DateTimeException e) {
      throw new BadParameter("bad_date", "date must be an ISO-8601 date (2026-11-26), was " + abbreviate(dateText));
    }
    return answered("an agent's day", contactCentre.agentDay(extensionId, day, zone, clock.instant())
        .map(d -> csv
            ? new Response(200, CSV, ContactCentreCsv.day(d, zone), Map.of())
            : new Response(200, JSON, HistoryJson.agentDay(d, zone), Map.of())));
  }

  /** {@code GET /api/history/queues/{id}?from=&to=&interval=}: figures per interval, today by the hour by default. */
  private Mono<Response> queue(String queueId, Map<String, List<String>> query, String accept) {
    allowOnly(query, List.of("from", "to", "interval", "format"));
    boolean csv = csv(query, accept);
    String name = single(query, "interval");
    QueueIntervals.Interval interval = QueueIntervals.Interval.parse(name == null ? "1h" : name.trim());
    if (interval == null) {
      throw new BadParameter("bad_interval", "interval must be 15m, 1h or 1d, was " + abbreviate(name));
    }
    Instant[] range = range(query);
    List<Instant> bounds = QueueIntervals.bounds(range[0], range[1], interval, zone, ContactCentreQueries.MAX_INTERVALS);
    if (bounds == null) {
      throw new BadParameter("bad_range", "at most " + ContactCentreQueries.MAX_INTERVALS + " intervals of "
          + interval.label() + " in one request: ask for a shorter range or a longer interval");
    }
    return answered("a queue's history", contactCentre.queueIntervals(queueId, bounds)
        .map(intervals -> csv
            ? new Response(200, CSV, ContactCentreCsv.queue(queueId, intervals, zone), Map.of())
            : new Response(200, JSON, HistoryJson.queueIntervals(queueId, interval.label(), intervals, zone), Map.of())));
  }

  /** A database that does not answer is a {@code 503}, never an error signal. */
  private static Mono<Response> answered(String what, Mono<Response> answer) {
    return answer.onErrorResume(e -> {
      log.warn("history: reading {} failed: {}", what, e.toString());
      return Mono.just(error(503, "history_unavailable", "the history database did not answer; try again later"));
    });
  }

  private static String pathId(String value, String what) {
    if (!ID.matcher(value).matches()) {
      throw new BadParameter("bad_parameter", "the " + what + " must be an id or number of 1 to 64 characters"
          + " A-Z a-z 0-9 . _ ~ -");
    }
    return value;
  }

  private static void allowOnly(Map<String, List<String>> query, List<String> names) {
    for (String name : query.keySet()) {
      if (!names.contains(name) && !name.equals("access_token")) {
        throw new BadParameter("bad_parameter", "unknown parameter " + abbreviate(name) + " ("
            + String.join(", ", names) + ")");
      }
    }
  }

  /** {@code from} and {@code to}, today in the account's zone by default; {@code to} after {@code from}. */
  private Instant[] range(Map<String, List<String>> query) {
    String fromText = single(query, "from");
    Instant from = fromText == null ? LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant() : time("from", fromText);
    String toText = single(query, "to");
    Instant to = toText == null ? from.atZone(zone).plusDays(1).toInstant() : time("to", toText);
    if (!to.isAfter(from)) {
      throw new BadParameter("bad_time", "to must be after from");
    }
    return new Instant[] {from, to};
  }

  private static final class BadParameter extends RuntimeException {
    final String code;

    BadParameter(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private static boolean csv(Map<String, List<String>> query, String accept) {
    String format = single(query, "format");
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw new BadParameter("bad_format", "format must be csv or json, was " + abbreviate(format));
      };
    }
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  private CallQuery callQuery(Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name) && !name.equals("cursor") && !name.equals("access_token")) {
        throw new BadParameter("bad_parameter", "unknown parameter " + abbreviate(name)
            + " (from, to, extension, queue, result, limit, cursor, format)");
      }
    }
    Instant[] range = range(query);
    Instant from = range[0];
    Instant to = range[1];
    String extension = id(query, "extension");
    String queue = id(query, "queue");
    String resultText = single(query, "result");
    SessionResult result = null;
    if (resultText != null) {
      result = Labeled.parse(SessionResult.values(), resultText, null);
      if (result == null) {
        throw new BadParameter("bad_result", "result must be one of " + labels() + ", was " + abbreviate(resultText));
      }
    }
    int limit = CallQuery.DEFAULT_LIMIT;
    String limitText = single(query, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > CallQuery.MAX_LIMIT) {
        throw new BadParameter("bad_limit", "limit must be a number from 1 to " + CallQuery.MAX_LIMIT + ", was "
            + abbreviate(limitText));
      }
    }
    String cursor = single(query, "cursor");
    if (cursor != null) {
      try {
        HistoryQueries.Cursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        throw new BadParameter("bad_cursor", e.getMessage());
      }
    }
    return new CallQuery(from, to, extension, queue, result, limit, cursor == null || cursor.isBlank() ? null : cursor);
  }

  /**
   * ISO-8601: an instant ({@code …Z}), a time with an offset, a local date-time (in the account's zone) or a
   * date (its start in the account's zone).
   */
  private Instant time(String name, String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d(:?\\d\\d)?$")) {
        return OffsetDateTime.parse(t.replace('z', 'Z')).toInstant();
      }
      return LocalDateTime.parse(t).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      throw new BadParameter("bad_time", name + " must be an ISO-8601 date or time (2026-11-26, 2026-11-26T09:00,"
          + " 2026-11-26T08:00:00Z), was " + abbreviate(text));
    }
  }

  private static String id(Map<String, List<String>> query, String name) {
    String value = single(query, name);
    if (value != null && !ID.matcher(value).matches()) {
      throw new BadParameter("bad_parameter", name + " must be an id of 1 to 64 characters A-Z a-z 0-9 . _ ~ -");
    }
    return value;
  }

  private static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.stream().distinct().count() > 1) {
      throw new BadParameter("bad_parameter", name + " is given more than once with different values");
    }
    String value = values.get(0);
    return value.isBlank() ? null : value;
  }

  private static String labels() {
    StringBuilder out = new StringBuilder();
    for (SessionResult result : SessionResult.values()) {
      out.append(out.length() == 0 ? "" : ", ").append(result.label());
    }
    return out.toString();
  }

  /** The parameters in their documented order, so that a next link is the same for the same request. */
  private static final List<String> PARAMETERS = List.of("from", "to", "extension", "queue", "result", "limit", "format");

  private static String nextLink(String path, Map<String, List<String>> query, String cursor) {
    StringBuilder link = new StringBuilder(path).append('?');
    // the token stays out of a header that may be logged: the client sends it again as it did
    for (String name : PARAMETERS) {
      for (String value : query.getOrDefault(name, List.of())) {
        link.append(name).append('=').append(encode(value)).append('&');
      }
    }
    return link.append("cursor=").append(encode(cursor)).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  private static Response error(int status, String code, String message) {
    return new Response(status, JSON, HttpJson.error(code, message), Map.of());
  }
}
