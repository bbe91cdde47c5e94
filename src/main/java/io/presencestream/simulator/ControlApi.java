package io.presencestream.simulator;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.presencestream.codec.HttpJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The simulator's own control API under {@code /_sim/}, for processes other than the one that started
 * it (a soak run, a Kafka deployment, the official SDK's test): read the ground truth, set the traffic
 * rate, inject a fault. Not part of RingCentral's API: no authentication, no rate limits, no injected
 * 429s; errors are the daemon's {@code {"error":…,"message":…}}, not RingCentral's.
 *
 * <ul>
 *   <li>{@code GET /_sim/truth}: {@link RingCentralSimulator#groundTruth()} as a JSON array of {@code STATE}
 *       objects (the codec's state form, as the daemon's {@code /api/state}), sorted by extension id; with
 *       {@code ?include=sessions} an object {@code {"extensions": <that array>, "sessions": [...]}} adding
 *       {@link RingCentralSimulator#sessionTruth()} (the array stays the default: existing readers expect it);
 *       {@code include} is a comma-separated list: {@code agents} adds {@code "agents": [AGENT + {"day": DAY}]}
 *       ({@link RingCentralSimulator#agentTruth()}), {@code queues} adds {@code "queues": [QUEUE]}
 *       ({@link RingCentralSimulator#queueTruth()}), in docs/contact-centre.md's shapes;</li>
 *   <li>{@code POST /_sim/traffic?rate=N}: steps per second, {@code 0} pauses; answers the new rate;</li>
 *   <li>{@code POST /_sim/faults?apply=F}: any fault word of {@link SimulatorFaults#apply(String)};</li>
 *   <li>{@code POST /_sim/extensions?add=N}, {@code ?disable=ID}, {@code ?enable=ID}, {@code ?delete=ID}: the
 *       directory changes as an administrator would change it ({@link RingCentralSimulator#addUsers} …), with
 *       the Extension List notifications RingCentral sends; answers the users added, or the change applied.</li>
 * </ul>
 */
final class ControlApi {

  static final String PREFIX = "/_sim/";

  /** What {@code /_sim/truth?include=} may add to the extensions' states. */
  private static final java.util.Set<String> INCLUDES = java.util.Set.of("sessions", "agents", "queues");

  private static final io.presencestream.codec.ContactCentreJson CONTACT_CENTRE = io.presencestream.codec.ContactCentreJson.create();

  private final RingCentralSimulator sim;
  private final PresenceCodec codec;

  ControlApi(RingCentralSimulator sim, PresenceCodec codec) {
    this.sim = sim;
    this.codec = codec;
  }

  Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res, String path, Map<String, String> query) {
    HttpMethod method = req.method();
    return switch (path) {
      case PREFIX + "truth" -> method.equals(HttpMethod.GET) ? truth(res, query.get("include")) : notAllowed(res, "GET");
      case PREFIX + "traffic" -> method.equals(HttpMethod.POST) ? traffic(res, query.get("rate")) : notAllowed(res, "POST");
      case PREFIX + "faults" -> method.equals(HttpMethod.POST) ? fault(res, query.get("apply")) : notAllowed(res, "POST");
      case PREFIX + "extensions" -> method.equals(HttpMethod.POST) ? extensions(res, query) : notAllowed(res, "POST");
      default -> error(res, HttpResponseStatus.NOT_FOUND, "not_found",
          "no such control endpoint (GET /_sim/truth, POST /_sim/traffic?rate=N, POST /_sim/faults?apply=F,"
              + " POST /_sim/extensions?add=N|disable=ID|enable=ID|delete=ID)");
    };
  }

  private Publisher<Void> truth(HttpServerResponse res, String include) {
    java.util.Set<String> parts = new java.util.LinkedHashSet<>();
    if (include != null) {
      for (String part : include.split(",")) {
        String p = part.trim();
        if (!INCLUDES.contains(p)) {
          return error(res, HttpResponseStatus.BAD_REQUEST, "bad_include",
              "include is a comma-separated list of sessions, agents, queues");
        }
        parts.add(p);
      }
    }
    boolean sessions = parts.contains("sessions");
    Map<String, ExtensionState> truth;
    List<SessionTruth> sessionTruth;
    String agents = null;
    String queues = null;
    synchronized (sim.lock()) {
      truth = sim.groundTruth(); // one snapshot of all: the lock is reentrant
      sessionTruth = sessions ? sim.sessionTruth() : List.of();
      if (parts.contains("agents")) {
        agents = CONTACT_CENTRE.encodeAgents(sim.agentTruth(), true);
      }
      if (parts.contains("queues")) {
        queues = CONTACT_CENTRE.encodeQueues(sim.queueTruth());
      }
    }
    List<ExtensionState> states = new ArrayList<>(truth.values());
    states.sort(Comparator.comparing(ExtensionState::extensionId));
    StringBuilder body = new StringBuilder(states.size() * 256 + sessionTruth.size() * 1200);
    if (!parts.isEmpty()) {
      body.append("{\"extensions\":");
    }
    body.append('[');
    for (int i = 0; i < states.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(codec.encodeState(states.get(i)));
    }
    body.append(']');
    if (sessions) {
      body.append(",\"sessions\":");
      TelephonySessionJson.truth(body, sessionTruth);
    }
    if (agents != null) {
      body.append(",\"agents\":").append(agents);
    }
    if (queues != null) {
      body.append(",\"queues\":").append(queues);
    }
    if (!parts.isEmpty()) {
      body.append('}');
    }
    return json(res, HttpResponseStatus.OK, body.toString());
  }

  private Publisher<Void> traffic(HttpServerResponse res, String rateParam) {
    double rate;
    try {
      rate = Double.parseDouble(rateParam == null ? "" : rateParam.trim());
    } catch (NumberFormatException e) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "bad_rate", "rate must be a number of steps per second (0 pauses)");
    }
    if (!(rate >= 0) || rate > 10_000) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "bad_rate", "rate must be between 0 and 10000 steps per second");
    }
    if (rate == 0) {
      sim.traffic().stop();
    } else {
      sim.traffic().start(rate);
    }
    return json(res, HttpResponseStatus.OK, HttpJson.rate(sim.traffic().rate()));
  }

  private Publisher<Void> fault(HttpServerResponse res, String fault) {
    if (fault == null || fault.isBlank()) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "unknown_fault", "apply=<fault> is required, e.g. apply=drop");
    }
    try {
      sim.faults().apply(fault);
    } catch (IllegalArgumentException e) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "unknown_fault", e.getMessage());
    }
    RingCentralSimulator.log().info("fault injected over /_sim/faults: {}", fault.trim());
    return json(res, HttpResponseStatus.OK, HttpJson.applied(fault.trim()));
  }

  private Publisher<Void> extensions(HttpServerResponse res, Map<String, String> query) {
    List<String> changes = new ArrayList<>();
    for (String key : List.of("add", "disable", "enable", "delete")) {
      if (query.containsKey(key)) {
        changes.add(key);
      }
    }
    if (changes.size() != 1) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "bad_change",
          "give exactly one of add=N, disable=ID, enable=ID, delete=ID");
    }
    String change = changes.get(0);
    String value = query.get(change) == null ? "" : query.get(change).trim();
    try {
      switch (change) {
        case "add" -> {
          int count;
          try {
            count = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            return error(res, HttpResponseStatus.BAD_REQUEST, "bad_change", "add=N needs a whole number, was '" + value + "'");
          }
          List<ExtensionInfo> added = sim.addUsers(count);
          RingCentralSimulator.log().info("{} user(s) added over /_sim/extensions", added.size());
          return json(res, HttpResponseStatus.OK, HttpJson.directory(added));
        }
        case "disable" -> sim.disableUser(value);
        case "enable" -> sim.enableUser(value);
        default -> sim.deleteUser(value);
      }
    } catch (IllegalArgumentException e) {
      return error(res, HttpResponseStatus.BAD_REQUEST, "bad_change", e.getMessage());
    }
    RingCentralSimulator.log().info("extension {}d over /_sim/extensions: {}", change, value);
    return json(res, HttpResponseStatus.OK, HttpJson.applied(change + "=" + value));
  }

  private static Publisher<Void> notAllowed(HttpServerResponse res, String allowed) {
    res.header("Allow", allowed);
    return error(res, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "use " + allowed);
  }

  private static Publisher<Void> error(HttpServerResponse res, HttpResponseStatus status, String code, String message) {
    return json(res, status, HttpJson.error(code, message));
  }


  private static Mono<Void> json(HttpServerResponse res, HttpResponseStatus status, String body) {
    return res.status(status)
        .header("Content-Type", "application/json;charset=UTF-8")
        .sendString(Mono.just(body), StandardCharsets.UTF_8)
        .then();
  }
}
