package io.presencestream.simulator;

import io.presencestream.model.DndStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call queue of the simulated office: a {@code Department} extension with members chosen from the
 * office's users, how it offers a call to them, and each member's {@code acceptCurrentQueueCalls} (the
 * member's switch for this queue only; its switch for every queue, {@code acceptQueueCalls}, is its DND).
 *
 * <p>Not thread-safe (see {@link Office}).
 */
final class SimQueue {

  /** How a queue call is offered to the members that can take it. */
  enum Routing {
    /** Every member that can take it rings at once ("Simultaneous" in RingCentral's call handling). */
    RING_ALL,
    /** One member at a time in the members' order, the next after a ring timeout ("Sequential"). */
    SEQUENTIAL
  }

  final String id;
  final String extensionNumber;
  final String name;
  final Routing routing;
  /** The queue's service-level threshold: a call answered within it counts towards the service level. */
  final Duration serviceLevelThreshold;
  /** Members in their order (sequential queues ring them in it), with {@code acceptCurrentQueueCalls}. */
  private final Map<SimExtension, Boolean> members = new LinkedHashMap<>();

  SimQueue(String id, String extensionNumber, String name, Routing routing, Duration serviceLevelThreshold) {
    this.id = id;
    this.extensionNumber = extensionNumber;
    this.name = name;
    this.routing = routing;
    this.serviceLevelThreshold = serviceLevelThreshold;
  }

  void add(SimExtension e) {
    members.putIfAbsent(e, true);
  }

  /** The members still in the office (a disabled or deleted user drops out of its queues), in order. */
  List<SimExtension> members() {
    List<SimExtension> out = new ArrayList<>(members.size());
    for (SimExtension e : members.keySet()) {
      if (!e.removed) {
        out.add(e);
      }
    }
    return out;
  }

  boolean isMember(SimExtension e) {
    return !e.removed && members.containsKey(e);
  }

  /** The member's {@code acceptCurrentQueueCalls}; false for a non-member. */
  boolean acceptsCurrentQueueCalls(SimExtension e) {
    return isMember(e) && members.get(e);
  }

  /** Sets a member's {@code acceptCurrentQueueCalls}. @return whether it changed */
  boolean acceptCurrentQueueCalls(SimExtension e, boolean accept) {
    Boolean before = members.get(e);
    if (before == null || e.removed) {
      throw new IllegalArgumentException("extension " + e.id + " is no member of " + name);
    }
    members.put(e, accept);
    return before != accept;
  }

  /**
   * The member's {@code acceptQueueCalls}: RingCentral derives it from the DND status, false when that refuses
   * department (queue) calls.
   */
  static boolean acceptsQueueCalls(SimExtension e) {
    return e.dndStatus != DndStatus.DO_NOT_ACCEPT_ANY_CALLS && e.dndStatus != DndStatus.DO_NOT_ACCEPT_DEPARTMENT_CALLS;
  }

  /** On queue for this queue (docs/contact-centre.md): a member accepting this queue's calls, its DND allowing them. */
  boolean onQueue(SimExtension e) {
    return acceptsCurrentQueueCalls(e) && acceptsQueueCalls(e);
  }
}
