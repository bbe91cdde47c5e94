package io.presencestream.analytics;

import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The directory indexed for the rules: users and queues by id, each user's queues, queues by number and
 * name. Immutable once built. A directory with a duplicate id is repaired, not refused (the first entry
 * wins and the problem is reported), so that one bad record does not blind the whole view.
 */
final class Roster {

  static final Roster EMPTY = of(Directory.EMPTY, problem -> { });

  private final Directory directory;
  private final Map<String, ExtensionInfo> extensions;
  private final Map<String, CallQueue> queues;
  private final Map<String, List<String>> queuesOf;

  private Roster(Directory directory, Map<String, ExtensionInfo> extensions, Map<String, CallQueue> queues,
      Map<String, List<String>> queuesOf) {
    this.directory = directory;
    this.extensions = extensions;
    this.queues = queues;
    this.queuesOf = queuesOf;
  }

  /**
   * Indexes a directory.
   *
   * @param directory the directory
   * @param invalid told the reason of every repair ({@code directory_duplicate_extension},
   *     {@code directory_duplicate_queue}, {@code directory_duplicate_member})
   */
  static Roster of(Directory directory, Consumer<String> invalid) {
    Map<String, ExtensionInfo> extensions = new HashMap<>();
    List<ExtensionInfo> keptExtensions = new ArrayList<>();
    for (ExtensionInfo e : directory.extensions()) {
      if (e.extensionId() == null || extensions.putIfAbsent(e.extensionId(), e) != null) {
        invalid.accept("directory_duplicate_extension");
      } else {
        keptExtensions.add(e);
      }
    }
    Map<String, CallQueue> queues = new LinkedHashMap<>();
    Map<String, List<String>> queuesOf = new HashMap<>();
    for (CallQueue q : directory.queues()) {
      if (queues.containsKey(q.id())) {
        invalid.accept("directory_duplicate_queue");
        continue;
      }
      List<QueueMember> members = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (QueueMember m : q.members()) {
        if (seen.add(m.extensionId())) {
          members.add(m);
        } else {
          invalid.accept("directory_duplicate_member");
        }
      }
      CallQueue kept = members.size() == q.members().size() ? q : new CallQueue(q.id(), q.extensionNumber(), q.name(), members);
      queues.put(q.id(), kept);
      for (QueueMember m : members) {
        queuesOf.computeIfAbsent(m.extensionId(), k -> new ArrayList<>()).add(q.id());
      }
    }
    queuesOf.replaceAll((k, v) -> List.copyOf(v));
    Directory repaired = keptExtensions.size() == directory.extensions().size()
        && queues.size() == directory.queues().size()
        && queues.values().stream().allMatch(q -> directory.queues().contains(q))
        ? directory
        : new Directory(directory.at(), keptExtensions, new ArrayList<>(queues.values()));
    return new Roster(repaired, extensions, queues, queuesOf);
  }

  Directory directory() {
    return directory;
  }

  ExtensionInfo extension(String id) {
    return extensions.get(id);
  }

  boolean isQueue(String id) {
    return id != null && queues.containsKey(id);
  }

  CallQueue queue(String id) {
    return queues.get(id);
  }

  Collection<CallQueue> queues() {
    return queues.values();
  }

  /** The ids of the queues the extension is a member of, in directory order; empty for none. */
  List<String> queuesOf(String extensionId) {
    return queuesOf.getOrDefault(extensionId, List.of());
  }

  /** The member entry, or null when the extension is not a member of the queue. */
  QueueMember member(String queueId, String extensionId) {
    CallQueue q = queues.get(queueId);
    return q == null ? null : q.member(extensionId);
  }

  /** The queue whose id or extension number is {@code to} (a presence call's {@code to}), or null. */
  String queueDialled(String to) {
    if (to == null || to.isEmpty()) {
      return null;
    }
    if (queues.containsKey(to)) {
      return to;
    }
    for (CallQueue q : queues.values()) {
      if (to.equals(q.extensionNumber())) {
        return q.id();
      }
    }
    return null;
  }

  /** Whether a scope of queue names, numbers or ids names this queue; an empty scope names every queue. */
  boolean queueInScope(List<String> scope, String queueId) {
    if (scope.isEmpty()) {
      return true;
    }
    CallQueue q = queues.get(queueId);
    for (String key : scope) {
      if (key.equals(queueId) || (q != null && (key.equals(q.extensionNumber()) || key.equals(q.name())))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a scope of extension numbers or ids names this extension; an empty scope names every one. */
  boolean extensionInScope(List<String> scope, String extensionId) {
    if (scope.isEmpty()) {
      return true;
    }
    ExtensionInfo e = extensions.get(extensionId);
    for (String key : scope) {
      if (key.equals(extensionId) || (e != null && key.equals(e.extensionNumber()))) {
        return true;
      }
    }
    return false;
  }

  /** A short human name: {@code 101 (Bob Brown)}, or the id when the directory does not know it. */
  String describeExtension(String id) {
    ExtensionInfo e = extensions.get(id);
    if (e == null) {
      return id;
    }
    String number = e.extensionNumber() == null ? id : e.extensionNumber();
    return e.name() == null ? number : number + " (" + e.name() + ")";
  }

  /** The queue's name, else its number, else its id. */
  String describeQueue(String id) {
    CallQueue q = queues.get(id);
    if (q == null) {
      return id;
    }
    return q.name() != null ? q.name() : q.extensionNumber() != null ? q.extensionNumber() : id;
  }
}
