package io.presencestream.cluster;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A processor started or stopped owning raw-topic partitions, and with them the extensions they hold:
 * its local streams now carry the events of other extensions than before. A consumer of
 * {@link KafkaProcessor#events()} that keeps per-extension state (an SSE client) should read the
 * state again; the daemon tells its SSE clients with a {@code gap} event whose reason is
 * {@link Reason#label()}.
 *
 * @param reason why the ownership changed
 * @param partitions the raw-topic partitions that changed owner
 */
public record PartitionChange(Reason reason, Set<Integer> partitions) {

  /**
   * Copies the partitions.
   *
   * @param reason why the ownership changed
   * @param partitions the partitions that changed owner
   * @throws NullPointerException if an argument is null, or a partition is
   */
  public PartitionChange {
    Objects.requireNonNull(reason, "reason");
    partitions = Set.copyOf(partitions);
  }

  /** Why a processor's partitions changed. */
  public enum Reason {
    /** Gained in a rebalance; their extensions' states were rebuilt from the state topic first. */
    ASSIGNED,
    /** Handed over in a rebalance (another processor joined, or this one is stopping). */
    REVOKED,
    /**
     * Taken away without a hand-over: this processor was out of the group (stalled past its session
     * or poll timeout, or cut off). Whatever it had not committed was aborted.
     */
    LOST;

    /** {@return the reason of the SSE {@code gap} event: {@code partitions-assigned}, {@code partitions-revoked} or {@code partitions-lost}} */
    public String label() {
      return "partitions-" + name().toLowerCase(Locale.ROOT);
    }
  }
}
