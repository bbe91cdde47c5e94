package io.presencestream.sink;

import io.presencestream.model.EventKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a webhook's POST body looks like.
 *
 * <ul>
 *   <li>{@link #JSON}: presence-stream's event schema, one object per event (an array with {@code batchSize} above 1).
 *   <li>{@link #SLACK}: {@code {"text":"<a sentence for people>"}}, one message per event, the body a Slack or
 *       Microsoft Teams incoming webhook accepts. Meant for alerts: by default such a webhook receives only the
 *       {@code alert.raised} and {@code alert.cleared} events.
 * </ul>
 */
public enum WebhookFormat {
  /** presence-stream's own event JSON. */
  JSON(EnumSet.allOf(EventKind.class)),
  /** {@code {"text": …}} for chat incoming webhooks (Slack, Microsoft Teams). */
  SLACK(EnumSet.of(EventKind.ALERT_RAISED, EventKind.ALERT_CLEARED));

  private final Set<EventKind> defaultKinds;

  WebhookFormat(Set<EventKind> defaultKinds) {
    this.defaultKinds = Collections.unmodifiableSet(defaultKinds);
  }

  /** {@return the YAML word: {@code json} or {@code slack}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kinds a webhook of this format receives when its options name none: every kind for {@link #JSON},
   * the two alert kinds for {@link #SLACK} (a chat channel wants alerts, not every presence change).
   *
   * @return the default kinds, unmodifiable
   */
  public Set<EventKind> defaultKinds() {
    return defaultKinds;
  }
}
