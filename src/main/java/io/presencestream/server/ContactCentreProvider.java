package io.presencestream.server;

import io.presencestream.ContactCentre;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.QueueStats;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code /api/agents}, {@code /api/agents/{id}/timeline}, {@code /api/queues} and {@code /api/alerts}
 * read the contact-centre view (normally {@code ContactCentreProvider.of(centre)}). Called on event-loop
 * threads: implementations return published snapshots at once, never waiting and never changing anything.
 */
public interface ContactCentreProvider {

  /** {@return every agent state, by extension number (then id)} */
  List<AgentStatus> agents();

  /**
   * Today's figures of one extension, with its timeline.
   *
   * @param extensionId the extension id
   * @return the day, or empty for an extension with no agent state
   */
  Optional<AgentDay> agentDay(String extensionId);

  /** {@return every queue's statistics, by name} */
  List<QueueStats> queues();

  /** {@return the open alerts, oldest first} */
  List<Alert> alerts();

  /**
   * The view's snapshots.
   *
   * @param centre the running view
   * @return a provider reading {@link ContactCentre#agents()}, {@link ContactCentre#agentDay(String)},
   *     {@link ContactCentre#queues()} and {@link ContactCentre#alerts()}
   * @throws NullPointerException if {@code centre} is null
   */
  static ContactCentreProvider of(ContactCentre centre) {
    Objects.requireNonNull(centre, "centre");
    return new ContactCentreProvider() {
      @Override
      public List<AgentStatus> agents() {
        return centre.agents();
      }

      @Override
      public Optional<AgentDay> agentDay(String extensionId) {
        return centre.agentDay(extensionId);
      }

      @Override
      public List<QueueStats> queues() {
        return centre.queues();
      }

      @Override
      public List<Alert> alerts() {
        return centre.alerts();
      }
    };
  }
}
