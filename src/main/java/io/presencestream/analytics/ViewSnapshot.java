package io.presencestream.analytics;

import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.Directory;
import io.presencestream.model.QueueStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ContactCentreView} knows at one instant, immutable, for readers on any thread: the agents, their
 * days (computed on read, with the running span counted up to {@link #asOf()}), the queues, the open alerts
 * and the directory. Reading computes but never changes anything.
 */
public final class ViewSnapshot {

  /** Before the first input. */
  public static final ViewSnapshot EMPTY =
      new ViewSnapshot(null, Directory.EMPTY, List.of(), Map.of(), List.of(), List.of());

  private final Instant asOf;
  private final Directory directory;
  private final List<AgentStatus> agents;
  private final Map<String, DayBook.Tally> days;
  private final List<QueueStats> queues;
  private final List<Alert> alerts;

  ViewSnapshot(Instant asOf, Directory directory, List<AgentStatus> agents, Map<String, DayBook.Tally> days,
      List<QueueStats> queues, List<Alert> alerts) {
    this.asOf = asOf;
    this.directory = directory;
    this.agents = List.copyOf(agents);
    this.days = Map.copyOf(days);
    this.queues = List.copyOf(queues);
    this.alerts = List.copyOf(alerts);
  }

  /**
   * The instant of the last input or tick applied.
   *
   * @return the instant, or null before the first input
   */
  public Instant asOf() {
    return asOf;
  }

  /**
   * The directory last applied.
   *
   * @return the directory, {@link Directory#EMPTY} before the first
   */
  public Directory directory() {
    return directory;
  }

  /**
   * Every extension with an agent state, by extension number (numerically when both are numbers), then id.
   *
   * @return the agents
   */
  public List<AgentStatus> agents() {
    return agents;
  }

  /**
   * One extension's day, with its timeline, as of {@link #asOf()}.
   *
   * @param extensionId the extension id
   * @param timeline whether to include the timeline
   * @return the day, or empty for an extension with no agent state
   */
  public Optional<AgentDay> agentDay(String extensionId, boolean timeline) {
    DayBook.Tally t = extensionId == null ? null : days.get(extensionId);
    return t == null ? Optional.empty() : Optional.of(t.at(asOf, timeline));
  }

  /**
   * Every queue's statistics, by name (then id), the pseudo-queue {@code unknown} last.
   *
   * @return the queues
   */
  public List<QueueStats> queues() {
    return queues;
  }

  /**
   * The open alerts, oldest first.
   *
   * @return the alerts
   */
  public List<Alert> alerts() {
    return alerts;
  }
}
