package io.presencestream.sink;

import io.presencestream.model.Alert;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import java.time.Duration;
import java.util.Locale;

/**
 * The one-line sentence a chat webhook ({@link WebhookFormat#SLACK}) posts for an event. Alerts say what
 * happened in the words of their rule's message; the other kinds (only sent to a chat webhook that asks for
 * them) name their subject and the change. Slack reads {@code & < >} as markup, so they are escaped as its
 * documentation asks ({@code &amp; &lt; &gt;}).
 */
final class ChatText {

  private ChatText() {}

  static String of(PresenceEvent event) {
    return escape(plain(event));
  }

  static String plain(PresenceEvent event) {
    if (event instanceof ContactCentreEvent.AlertRaised raised) {
      Alert alert = raised.alert();
      return severity(alert) + " " + alert.message() + " (alert " + alert.name() + ", " + alert.rule() + ")";
    }
    if (event instanceof ContactCentreEvent.AlertCleared cleared) {
      Alert alert = cleared.alert();
      String open = alert.clearedAt() == null ? "" : ", open " + duration(Duration.between(alert.raisedAt(), alert.clearedAt()));
      return "Cleared: " + alert.message() + " (alert " + alert.name() + open + ")";
    }
    if (event instanceof ContactCentreEvent.AgentStateChanged changed) {
      AgentStatus agent = changed.agent();
      String from = changed.previous() == null ? "" : changed.previous().state().label() + " → ";
      String onQueue = agent.onQueue() == null ? "" : agent.onQueue() ? " (on queue)" : " (off queue)";
      return "Agent " + who(agent.extensionNumber(), agent.name(), agent.extensionId()) + ": " + from
          + agent.state().label() + onQueue;
    }
    if (event instanceof ContactCentreEvent.QueueStatsChanged stats) {
      QueueStats queue = stats.queue();
      QueueFigures today = queue.today();
      return "Queue " + who(queue.extensionNumber(), queue.name(), queue.queueId()) + ": " + queue.waiting()
          + " waiting; today " + today.offered() + " offered, " + today.answered() + " answered, "
          + today.abandoned() + " abandoned, service level "
          + (today.serviceLevel() == null ? "n/a" : Math.round(today.serviceLevel() * 100) + "%");
    }
    if (event instanceof ContactCentreEvent.QueueCallEnded ended) {
      io.presencestream.model.QueueCallOutcome call = ended.call();
      String by = call.answeredBy() == null ? "" : " by " + call.answeredBy();
      return "Queue " + call.queueId() + ": a call " + call.result().label() + by + " after "
          + duration(call.waitTime()) + " in the queue";
    }
    return event.kind().label() + " on extension " + event.extensionId();
  }

  private static String severity(Alert alert) {
    return "[" + alert.severity().label().toUpperCase(Locale.ROOT) + "]";
  }

  private static String who(String number, String name, String id) {
    if (number == null && name == null) {
      return id;
    }
    if (number == null) {
      return name;
    }
    return name == null ? number : number + " (" + name + ")";
  }

  /** {@code 45s}, {@code 2m 5s}, {@code 1h 3m}: enough for a person reading a channel. */
  static String duration(Duration d) {
    long seconds = Math.max(0, d.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
