package io.presencestream.simulator;

import io.presencestream.codec.CallQueueJson;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.protocol.ErrorBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RingCentral's call-queue REST endpoints, over the office's {@link SimQueue}s: the queue list (paged like the
 * extension list), a queue's members (paged), its members' queue presence, read and switched. Answers are
 * computed under the simulator's lock and written by {@link HttpApi}. A {@code PUT} that changes a member's
 * switch notifies the subscriptions to that queue's presence.
 */
final class CallQueueApi {

  static final Pattern LIST = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/call-queues/?$");
  static final Pattern MEMBERS = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/call-queues/([^/]+)/members/?$");
  static final Pattern PRESENCE = Pattern.compile("^/restapi/v1\\.0/account/([^/]+)/call-queues/([^/]+)/presence/?$");

  /** An answer: an HTTP status and either a JSON body or a RingCentral error. */
  record Answer(int status, byte[] json, ErrorBody error) {
    static Answer ok(byte[] json) {
      return new Answer(200, json, null);
    }

    static Answer error(int status, String code, String message) {
      return new Answer(status, null, ErrorBody.of(code, message));
    }
  }

  private final RingCentralSimulator sim;

  CallQueueApi(RingCentralSimulator sim) {
    this.sim = sim;
  }

  private String accountUri() {
    return sim.baseUrl() + "/restapi/v1.0/account/" + sim.options().accountId();
  }

  /** {@code GET …/call-queues?page=P&perPage=N}. */
  Answer list(Map<String, String> query) {
    List<CallQueueJson.Queue> all = new ArrayList<>();
    synchronized (sim.lock()) {
      for (SimQueue q : sim.office().queues()) {
        all.add(new CallQueueJson.Queue(q.id, q.extensionNumber, q.name));
      }
    }
    Paged<CallQueueJson.Queue> paged = page(all, query, accountUri() + "/call-queues?");
    return Answer.ok(CallQueueJson.callQueues(paged.page, accountUri() + "/extension/", paged.records));
  }

  /** {@code GET …/call-queues/{id}/members?page=P&perPage=N}. */
  Answer members(String queueId, Map<String, String> query) {
    List<CallQueueJson.Member> all;
    synchronized (sim.lock()) {
      SimQueue q = sim.office().queue(queueId);
      if (q == null) {
        return notFound();
      }
      all = members(q);
    }
    Paged<CallQueueJson.Member> paged = page(all, query, accountUri() + "/call-queues/" + queueId + "/members?");
    return Answer.ok(CallQueueJson.members(paged.page, accountUri() + "/extension/", paged.records));
  }

  /** {@code GET …/call-queues/{id}/presence}. */
  Answer presence(String queueId) {
    synchronized (sim.lock()) {
      SimQueue q = sim.office().queue(queueId);
      return q == null ? notFound() : Answer.ok(CallQueueJson.presence(members(q)));
    }
  }

  /**
   * {@code PUT …/call-queues/{id}/presence}: switches the members' {@code acceptCurrentQueueCalls}, all or
   * nothing, and answers the queue's presence as it is then; 400 {@code CMN-101} for a body that is not such
   * an update or names a member that is not in the queue.
   */
  Answer update(String queueId, byte[] body) {
    List<CallQueueJson.MemberSwitch> switches;
    try {
      switches = CallQueueJson.decodePresenceUpdate(body);
    } catch (DecodeException e) {
      return Answer.error(400, "CMN-101", "Request body is invalid: " + e.getMessage());
    }
    byte[] json = null;
    String invalid = null;
    synchronized (sim.lock()) {
      SimQueue q = sim.office().queue(queueId);
      if (q != null) {
        try {
          QueuePresenceChange change = sim.office().setQueuePresence(queueId, switches);
          if (change != null) {
            sim.gateway().route(change);
          }
          json = CallQueueJson.presence(members(q));
        } catch (IllegalArgumentException e) {
          invalid = e.getMessage();
        }
      }
    }
    // the answers are built outside the lock
    if (invalid != null) {
      return Answer.error(400, "CMN-101", "Parameter [member.id] value is invalid: " + invalid);
    }
    if (json == null) {
      return notFound();
    }
    sim.gateway().flush();
    return Answer.ok(json);
  }

  private static Answer notFound() {
    return Answer.error(404, "CMN-102", "Resource for parameter [groupId] is not found");
  }

  /** The queue's members with their queue presence, in order; under the lock. */
  static List<CallQueueJson.Member> members(SimQueue q) {
    List<CallQueueJson.Member> out = new ArrayList<>();
    for (SimExtension e : q.members()) {
      out.add(new CallQueueJson.Member(e.id, e.number, e.name, SimQueue.acceptsQueueCalls(e), q.acceptsCurrentQueueCalls(e)));
    }
    return out;
  }

  private record Paged<T>(CallQueueJson.Page page, List<T> records) {}

  private static <T> Paged<T> page(List<T> all, Map<String, String> query, String base) {
    int perPage = Math.min(1000, Math.max(1, intParam(query, "perPage", 100)));
    int page = Math.max(1, intParam(query, "page", 1));
    int total = all.size();
    int totalPages = Math.max(1, (total + perPage - 1) / perPage);
    int from = Math.min(total, (page - 1) * perPage);
    List<T> records = List.copyOf(all.subList(from, Math.min(total, page * perPage)));
    return new Paged<>(new CallQueueJson.Page(base, page, perPage, totalPages, total), records);
  }

  private static int intParam(Map<String, String> query, String name, int fallback) {
    try {
      String v = query.get(name);
      return v == null ? fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
