package io.presencestream.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * Fault injection, for tests ({@code simulator.faults().dropConnections()}) and for the command line
 * ({@link #apply(String)} with the names below, {@link #schedule(String)} for a timed script,
 * {@link #chaos(Duration, long)} for seeded random faults).
 *
 * <table>
 *   <caption>Fault names</caption>
 *   <tr><td>{@code drop}</td><td>close every WebSocket connection abruptly (sessions stay recoverable)</td></tr>
 *   <tr><td>{@code garbage}</td><td>send non-JSON, non-frame, unknown-type and bad-body frames</td></tr>
 *   <tr><td>{@code foreign}</td><td>send a notification of a subscription the client does not have</td></tr>
 *   <tr><td>{@code stale}</td><td>send an old notification again (its sequence is behind)</td></tr>
 *   <tr><td>{@code skip=N}</td><td>every extension's next sequence jumps by N</td></tr>
 *   <tr><td>{@code reset-sequences}</td><td>every extension's sequence restarts near zero</td></tr>
 *   <tr><td>{@code stall}</td><td>current connections stop answering and sending (a dead peer)</td></tr>
 *   <tr><td>{@code refuse-recovery=WSG-1003|WSG-1005}</td><td>the next recovery fails with that code</td></tr>
 *   <tr><td>{@code expire-tokens}</td><td>access and WebSocket tokens expire now (refresh works)</td></tr>
 *   <tr><td>{@code revoke-sessions}</td><td>all OAuth sessions revoked (only a new JWT login works)</td></tr>
 *   <tr><td>{@code 429=N} or {@code 429=N/S}</td><td>the next N HTTP requests get 429 CMN-301, Retry-After S (default 1)</td></tr>
 *   <tr><td>{@code fail-subscriptions=CODE} or {@code =CODE/N}</td><td>the next N subscription requests fail with CODE (e.g. SUB-505)</td></tr>
 *   <tr><td>{@code subscribe-without-id} or {@code =N}</td><td>the next N subscription requests succeed (200) but the reply carries no subscription id</td></tr>
 *   <tr><td>{@code wsg=902|903}</td><td>send Error WSG-902 (idle) or WSG-903 (absolute timeout) and close</td></tr>
 * </table>
 *
 * <p>Every method is safe to call from any thread and returns at once.
 */
public final class SimulatorFaults {

  /** The fault state the gateway and HTTP API consult; guarded by the simulator's lock. */
  static final class State {
    private final ArrayDeque<String> recoveryRefusals = new ArrayDeque<>();
    private final ArrayDeque<String> subscriptionFailures = new ArrayDeque<>();
    private int rateLimited;
    private Duration retryAfter = Duration.ofSeconds(1);
    private long rateLimitedAnswers;
    private int subscriptionsWithoutId;

    String takeRecoveryRefusal() {
      return recoveryRefusals.pollFirst();
    }

    String takeSubscriptionFailure() {
      return subscriptionFailures.pollFirst();
    }

    /** Retry-After seconds if this request is to be answered 429, else -1. */
    long takeRateLimit() {
      if (rateLimited <= 0) {
        return -1;
      }
      rateLimited--;
      rateLimitedAnswers++;
      return Math.max(1, retryAfter.toSeconds());
    }

    long rateLimitedAnswers() {
      return rateLimitedAnswers;
    }

    void countRateLimited() {
      rateLimitedAnswers++;
    }

    /** Whether this subscription reply is to leave out the subscription id. */
    boolean takeSubscriptionWithoutId() {
      if (subscriptionsWithoutId <= 0) {
        return false;
      }
      subscriptionsWithoutId--;
      return true;
    }
  }

  private static final List<String> CHAOS_MENU = List.of(
      "drop", "garbage", "stale", "skip=3", "reset-sequences", "stall", "refuse-recovery=WSG-1005",
      "refuse-recovery=WSG-1003", "expire-tokens", "429=2", "wsg=902", "wsg=903", "drop");

  private final RingCentralSimulator simulator;
  private final Scheduler scheduler;

  SimulatorFaults(RingCentralSimulator simulator, Scheduler scheduler) {
    this.simulator = simulator;
    this.scheduler = scheduler;
  }

  /** Closes every WebSocket connection without a close frame. @return connections closed */
  public int dropConnections() {
    int n;
    synchronized (simulator.lock()) {
      n = simulator.gateway().dropConnections();
    }
    simulator.gateway().flush();
    return n;
  }

  /** Sends four kinds of bad frames on every connection. @return connections that got them */
  public int sendGarbageFrames() {
    int n = 0;
    synchronized (simulator.lock()) {
      for (String garbage : List.of(
          "this is not JSON {",
          "{\"type\":\"ServerNotification\",\"messageId\":\"not-an-array\"}",
          "[{\"type\":\"Telepathy\",\"messageId\":\"x-1\",\"status\":200,\"headers\":{}}]",
          "[{\"type\":\"ServerNotification\",\"messageId\":\"x-2\",\"status\":200,\"headers\":{}},"
              + "{\"uuid\":\"x-2\",\"event\":\"/restapi/v1.0/account/1/extension/1/presence\",\"body\":\"oops\"}]")) {
        n = Math.max(n, simulator.gateway().sendRaw(garbage.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    simulator.gateway().flush();
    return n;
  }

  /**
   * Sends, on every subscribed connection, a valid notification for an extension with a subscription id
   * the client does not have; a conforming client ignores it. @return connections that got it
   */
  public int sendForeignNotification() {
    int n;
    synchronized (simulator.lock()) {
      SimNotification stale = simulator.office().staleReplay();
      n = stale == null ? 0 : simulator.gateway().sendForeign(stale);
    }
    simulator.gateway().flush();
    return n;
  }

  /** Sends an old notification again; consumers must drop it by its sequence. @return whether one was sent */
  public boolean replayStaleNotification() {
    SimNotification stale;
    synchronized (simulator.lock()) {
      stale = simulator.office().staleReplay();
      if (stale != null) {
        simulator.gateway().route(stale);
      }
    }
    simulator.gateway().flush();
    return stale != null;
  }

  /** Every extension's next notification skips {@code n} sequence numbers. */
  public void skipSequences(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive");
    }
    synchronized (simulator.lock()) {
      simulator.office().skipSequences(n);
    }
  }

  /** Every extension's sequence restarts near zero, as after a server-side reset. */
  public void resetSequences() {
    synchronized (simulator.lock()) {
      simulator.office().resetSequences();
    }
  }

  /**
   * The current connections stop sending and stop reading (heartbeats go unanswered); notifications
   * for them still fill their sessions' recovery buffers. New connections are healthy.
   *
   * @return connections stalled
   */
  public int stall() {
    synchronized (simulator.lock()) {
      return simulator.gateway().stallConnections(); // nothing to write: stalled connections go silent
    }
  }

  /** The next recovery attempt fails with {@code errorCode} ({@code WSG-1003} or {@code WSG-1005}). */
  public void refuseNextRecovery(String errorCode) {
    if (!"WSG-1003".equals(errorCode) && !"WSG-1005".equals(errorCode)) {
      throw new IllegalArgumentException("recovery refusals are WSG-1003 or WSG-1005");
    }
    synchronized (simulator.lock()) {
      simulator.faultState().recoveryRefusals.addLast(errorCode);
    }
  }

  /** Every access token and WebSocket token expires now; refresh tokens keep working. */
  public void expireTokens() {
    synchronized (simulator.lock()) {
      simulator.auth().expireAccessTokens();
    }
  }

  /** Every OAuth session is revoked: refresh fails, only a new JWT login gets in. */
  public void revokeSessions() {
    synchronized (simulator.lock()) {
      simulator.auth().revokeAllSessions();
    }
  }

  /** The next {@code requests} HTTP requests (REST and OAuth) get 429 CMN-301 with {@code Retry-After}. */
  public void rateLimit(int requests, Duration retryAfter) {
    if (requests < 0 || retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("requests and retryAfter must not be negative");
    }
    synchronized (simulator.lock()) {
      simulator.faultState().rateLimited = requests;
      simulator.faultState().retryAfter = retryAfter;
    }
  }

  /** The next {@code count} subscription requests fail with {@code errorCode} (e.g. SUB-505, SUB-403). */
  public void failSubscriptions(int count, String errorCode) {
    synchronized (simulator.lock()) {
      for (int i = 0; i < count; i++) {
        simulator.faultState().subscriptionFailures.addLast(errorCode);
      }
    }
  }

  /**
   * The next {@code count} subscription requests create the subscription and answer 200, but neither
   * the body nor the {@code WSG-SubscriptionId} header carries its id: a client that does not notice
   * stays connected and ignores every notification.
   */
  public void answerSubscriptionsWithoutId(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    synchronized (simulator.lock()) {
      simulator.faultState().subscriptionsWithoutId = count;
    }
  }

  /**
   * Sends an {@code Error} frame with {@code errorCode} on every connection and closes it, as the
   * gateway does on its timeouts ({@code WSG-902} idle, {@code WSG-903} absolute). Sessions stay
   * recoverable. @return connections closed
   */
  public int disconnectWith(String errorCode) {
    String message = switch (errorCode) {
      case "WSG-902" -> "Idle timeout expired";
      case "WSG-903" -> "Absolute timeout expired";
      default -> "Connection closed by the server";
    };
    int n;
    synchronized (simulator.lock()) {
      n = simulator.gateway().disconnectWith(errorCode, message);
    }
    simulator.gateway().flush();
    return n;
  }

  /**
   * Applies one fault by name (see the class description), e.g. {@code "stall"} or {@code "429=3/2"}.
   *
   * @throws IllegalArgumentException for an unknown name or a bad argument
   */
  public void apply(String fault) {
    String f = fault.trim();
    String name = f.contains("=") ? f.substring(0, f.indexOf('=')).trim().toLowerCase(Locale.ROOT) : f.toLowerCase(Locale.ROOT);
    String arg = f.contains("=") ? f.substring(f.indexOf('=') + 1).trim() : null;
    switch (name) {
      case "drop" -> dropConnections();
      case "garbage" -> sendGarbageFrames();
      case "foreign" -> sendForeignNotification();
      case "stale" -> replayStaleNotification();
      case "skip" -> skipSequences(arg == null ? 5 : Integer.parseInt(arg));
      case "reset-sequences" -> resetSequences();
      case "stall" -> stall();
      case "refuse-recovery" -> refuseNextRecovery(arg == null ? "WSG-1005" : arg.toUpperCase(Locale.ROOT));
      case "expire-tokens" -> expireTokens();
      case "revoke-sessions" -> revokeSessions();
      case "429" -> {
        String[] parts = (arg == null ? "1" : arg).split("/");
        rateLimit(Integer.parseInt(parts[0]), Duration.ofSeconds(parts.length > 1 ? Long.parseLong(parts[1]) : 1));
      }
      case "fail-subscriptions" -> {
        String[] parts = (arg == null ? "SUB-505" : arg).split("/");
        failSubscriptions(parts.length > 1 ? Integer.parseInt(parts[1]) : 1, parts[0].toUpperCase(Locale.ROOT));
      }
      case "subscribe-without-id" -> answerSubscriptionsWithoutId(arg == null ? 1 : Integer.parseInt(arg));
      case "wsg" -> disconnectWith("WSG-" + (arg == null ? "902" : arg.replaceFirst("(?i)^WSG-", "")));
      default -> throw new IllegalArgumentException("unknown fault '" + name + "'");
    }
  }

  /**
   * Schedules a fault script: entries {@code <delay>:<fault>} separated by commas or semicolons, the
   * delay from now in {@code 500ms}, {@code 10s} or {@code 2m}, e.g.
   * {@code "10s:drop, 30s:stall, 60s:refuse-recovery=WSG-1005"}. The whole script is checked first.
   *
   * @return a handle that cancels what has not run yet
   */
  public Disposable schedule(String script) {
    record Entry(Duration at, String fault) {}
    List<Entry> entries = new ArrayList<>();
    for (String part : script.split("[,;]")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("fault script entry '" + part.trim() + "' is not <delay>:<fault>");
      }
      Duration at = parseDuration(part.substring(0, colon).trim());
      String fault = part.substring(colon + 1).trim();
      check(fault);
      entries.add(new Entry(at, fault));
    }
    Disposable.Composite all = Disposables.composite();
    for (Entry e : entries) {
      all.add(scheduler.schedule(() -> safely(e.fault()), e.at().toMillis(), TimeUnit.MILLISECONDS));
    }
    return all;
  }

  /**
   * Injects a random fault from a fixed menu every {@code every}, chosen by a {@link Random} with
   * {@code seed} (the same seed gives the same sequence of faults).
   *
   * @return a handle that stops it
   */
  public Disposable chaos(Duration every, long seed) {
    Random random = new Random(seed);
    return scheduler.schedulePeriodically(
        () -> safely(CHAOS_MENU.get(random.nextInt(CHAOS_MENU.size()))),
        every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void safely(String fault) {
    try {
      RingCentralSimulator.log().info("fault injected: {}", fault);
      apply(fault);
    } catch (RuntimeException e) {
      RingCentralSimulator.log().warn("fault '{}' failed: {}", fault, e.toString());
    }
  }

  /** Checks a fault name and argument without applying it. */
  static void check(String fault) {
    String f = fault.trim().toLowerCase(Locale.ROOT);
    String name = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
    if (!List.of("drop", "garbage", "foreign", "stale", "skip", "reset-sequences", "stall", "refuse-recovery",
        "expire-tokens", "revoke-sessions", "429", "fail-subscriptions", "subscribe-without-id", "wsg").contains(name.trim())) {
      throw new IllegalArgumentException("unknown fault '" + name.trim() + "'");
    }
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
      return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad duration '" + text + "' (use 500ms, 10s, 2m)");
    }
  }
}
