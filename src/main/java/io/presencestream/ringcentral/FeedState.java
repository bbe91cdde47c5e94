package io.presencestream.ringcentral;

import io.presencestream.codec.protocol.DisabledFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a source's feeds are doing, for the embedder ({@link FeedStatus}), the meters and the log: a refused
 * feed is reported when its state changes, a filter RingCentral disabled once however many subscriptions and
 * reconnects report it. Thread-safe: runs report from their control drains and connections' threads.
 */
final class FeedState {

  private static final Logger log = LoggerFactory.getLogger(FeedState.class);
  /** Filters named in one log line; the rest are counted. */
  private static final int FILTERS_PER_LINE = 5;

  private final RingCentralOptions options;
  private final ClientMetrics metrics;
  private final Redactor redactor;
  /** Filters already reported disabled; bounded by the filters ever subscribed. */
  private final Set<String> reportedDisabled = ConcurrentHashMap.newKeySet();
  private volatile FeedStatus status;

  FeedState(RingCentralOptions options, ClientMetrics metrics, Redactor redactor) {
    this.options = options;
    this.metrics = metrics;
    this.redactor = redactor;
    this.status = new FeedStatus(options.feeds(), EnumSet.of(Feed.PRESENCE), null, null);
    metrics.feedActive(Feed.PRESENCE, true);
    metrics.feedActive(Feed.TELEPHONY, false);
  }

  FeedStatus status() {
    return status;
  }

  /** A run subscribes telephony sessions as {@code mode} says from now on; {@code problem} says why not, or null. */
  void telephony(TelephonyAccess.Mode mode, String problem) {
    boolean active = mode != TelephonyAccess.Mode.NONE;
    Set<Feed> feeds = active ? EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY) : EnumSet.of(Feed.PRESENCE);
    TelephonyScope scope = switch (mode) {
      case ACCOUNT -> TelephonyScope.ACCOUNT;
      case EXTENSIONS -> TelephonyScope.EXTENSIONS;
      case NONE -> null;
    };
    status = new FeedStatus(options.feeds(), feeds, scope, problem);
    metrics.feedActive(Feed.TELEPHONY, active);
  }

  /** RingCentral reports {@code filters} of connection {@code index} disabled: each is told once. */
  void disabled(int index, List<DisabledFilter> filters) {
    List<DisabledFilter> fresh = new ArrayList<>();
    for (DisabledFilter f : filters) {
      if (reportedDisabled.add(f.filter())) {
        fresh.add(f);
        metrics.filtersDisabled(f.filter().contains("/telephony/sessions") ? Feed.TELEPHONY : Feed.PRESENCE, 1);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < Math.min(fresh.size(), FILTERS_PER_LINE); i++) {
      DisabledFilter f = fresh.get(i);
      line.append(i == 0 ? "" : "; ").append(f.filter()).append(" (")
          .append(f.reason() == null ? "no reason given" : f.reason())
          .append(f.message() == null || f.message().isBlank() ? "" : ": " + redactor.redact(f.message())).append(')');
    }
    if (fresh.size() > FILTERS_PER_LINE) {
      line.append("; and ").append(fresh.size() - FILTERS_PER_LINE).append(" more");
    }
    log.warn("connection {}: RingCentral accepted the subscription but disabled {} filter(s), which deliver"
        + " nothing: {}", index, fresh.size(), line);
  }
}
