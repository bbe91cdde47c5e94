package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Paces REST requests by RingCentral's rate-limit headers, so that a request is held back before it
 * would earn a 429. Every answer names its group ({@code X-Rate-Limit-Group}) and what is left of it
 * ({@code X-Rate-Limit-Remaining} of {@code X-Rate-Limit-Limit} per {@code X-Rate-Limit-Window}
 * seconds): when nothing is left, the next request of that group waits for a window. A 429 closes
 * its group for its {@code Retry-After}. Groups are learnt per endpoint shape (ids collapsed), a
 * handful of entries. Lock-free; pure apart from the clock values passed in.
 */
final class RateLimitPacer {

  private static final int MAX_ENDPOINTS = 256;
  private static final Pattern IDS = Pattern.compile("/(~|[0-9][0-9,]*)(?=/|$)");

  private final Map<String, String> groupOfEndpoint = new ConcurrentHashMap<>();
  private final Map<String, Instant> closedUntil = new ConcurrentHashMap<>();

  /** How long a request to {@code path} must wait before it is sent; zero if it may go now. */
  Duration delay(HttpMethod method, String path, Instant now) {
    String group = groupOfEndpoint.get(endpoint(method, path));
    if (group == null) {
      return Duration.ZERO;
    }
    Instant until = closedUntil.get(group);
    return until == null || !until.isAfter(now) ? Duration.ZERO : Duration.between(now, until);
  }

  /** Learns from an answer's headers (and from a 429's {@code Retry-After}). */
  void observe(HttpMethod method, String path, int status, HttpHeaders headers, Duration retryAfter, Instant now) {
    String group = headers.get("X-Rate-Limit-Group");
    if (group == null || group.isBlank()) {
      return;
    }
    group = group.trim().toLowerCase(Locale.ROOT);
    String endpoint = endpoint(method, path);
    if (groupOfEndpoint.size() < MAX_ENDPOINTS || groupOfEndpoint.containsKey(endpoint)) {
      groupOfEndpoint.put(endpoint, group);
    }
    Duration closed = null;
    if (status == 429) {
      closed = retryAfter != null ? retryAfter : window(headers);
    } else {
      Long remaining = number(headers.get("X-Rate-Limit-Remaining"));
      if (remaining != null && remaining <= 0) {
        closed = window(headers);
      }
    }
    if (closed != null && !closed.isZero()) {
      Instant until = now.plus(closed);
      closedUntil.merge(group, until, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  private static Duration window(HttpHeaders headers) {
    Long seconds = number(headers.get("X-Rate-Limit-Window"));
    return Duration.ofSeconds(seconds == null || seconds <= 0 ? 60 : Math.min(seconds, 3600));
  }

  private static Long number(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code GET /restapi/v1.0/account/{id}/extension/{id}/presence}: the path without query and ids. */
  static String endpoint(HttpMethod method, String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    return method.name() + " " + IDS.matcher(bare).replaceAll(m -> m.group(1).contains(",") ? "/{ids}" : "/{id}");
  }
}
