package io.presencestream.simulator;

import io.presencestream.codec.protocol.DisabledFilter;
import io.presencestream.internal.Durations;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 *   <tr><td>{@code slow-presence=DURATION}</td><td>answer presence reads over REST only after that long ({@code 0s}
 *       ends it)</td></tr>
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
    /** How long presence reads over REST wait before they are answered; zero: at once. */
    private volatile Duration presenceDelay = Duration.ZERO;

    Duration presenceDelay() {
      return presenceDelay;
    }
    /** Part of a filter → the reason it is disabled with. */
    private final Map<String, String> disabledFilters = new LinkedHashMap<>();

    /** The filters of a subscription request to leave out and report as disabled, with their reasons. */
    List<DisabledFilter> disabled(List<String> filters) {
      List<DisabledFilter> disabled = new ArrayList<>();
      for (String filter : filters) {
        for (Map.Entry<String, String> e : disabledFilters.entrySet()) {
          if (filter.contains(e.getKey())) {
            disabled.add(new DisabledFilter(filter, e.getValue(), "Event filter is disabled: " + e.getValue()));
            break;
          }
        }
      }
      return disabled;
    }

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

  private static final List<Fault> CHAOS_MENU = java.util.stream.Stream.of(
      "drop", "garbage", "stale", "skip=3", "reset-sequences", "stall", "refuse-recovery=WSG-1005",
      "refuse-recovery=WSG-1003", "expire-tokens", "429=2", "wsg=902", "wsg=903", "drop")
      .map(SimulatorFaults::parse).toList();

  private final RingCentralSimulator simulator;
  private final Scheduler scheduler;

  SimulatorFaults(RingCentralSimulator simulator, Scheduler scheduler) {
    this.simulator = simulator;
    this.scheduler = scheduler;
  }

  /**
   * Closes every WebSocket connection without a close frame, as a network failure would; the sessions
   * stay recoverable.
   *
   * @return how many connections were closed
   */
  public int dropConnections() {
    int n;
    synchronized (simulator.lock()) {
      n = simulator.gateway().dropConnections();
    }
    simulator.gateway().flush();
    return n;
  }

  /**
   * Sends four kinds of bad frames on every connection: not JSON, not a frame array, an unknown frame
   * type and a notification whose body is not an object.
   *
   * @return how many connections got them
   */
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
   * the client does not have; a conforming client ignores it.
   *
   * @return how many connections got it (0 before any traffic)
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
  boolean replayStaleNotification() {
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
  void skipSequences(int n) {
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

  /**
   * Makes the next recovery attempt fail; the client must subscribe again and resynchronise.
   *
   * @param errorCode {@code WSG-1003} (another OAuth session) or {@code WSG-1005} (no subscription)
   * @throws IllegalArgumentException for any other code
   */
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

  /**
   * Answers every presence read over REST (the account presence list, one extension's or a bulk read) only
   * after {@code delay}, as a slow or busy server would: a client's initial load takes at least that long while
   * its subscriptions are up. The answers are whatever the office holds when they are sent.
   *
   * @param delay the wait; zero ends it
   * @throws IllegalArgumentException if {@code delay} is null or negative
   */
  public void slowPresence(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    simulator.faultState().presenceDelay = delay;
  }

  /**
   * Answers the next HTTP requests (REST and OAuth) with 429 CMN-301, as RingCentral's rate limits do.
   *
   * @param requests how many requests get the 429; 0 ends an earlier injection
   * @param retryAfter the {@code Retry-After} they carry, in whole seconds (rounded down, at least 1)
   * @throws IllegalArgumentException if {@code requests} is negative or {@code retryAfter} null or negative
   */
  public void rateLimit(int requests, Duration retryAfter) {
    if (requests < 0 || retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("requests and retryAfter must not be negative");
    }
    synchronized (simulator.lock()) {
      simulator.faultState().rateLimited = requests;
      simulator.faultState().retryAfter = retryAfter;
    }
  }

  /**
   * Makes the next subscription requests fail.
   *
   * @param count how many requests fail
   * @param errorCode the error they answer, e.g. {@code SUB-505} (transient) or {@code SUB-403} (permanent)
   */
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
   *
   * @param count how many subscription replies leave out the id; 0 ends an earlier injection
   * @throws IllegalArgumentException if {@code count} is negative
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
   * From now on, subscriptions accept but disable every filter containing {@code part}: it is left out of
   * the subscription's {@code eventFilters} (nothing is delivered for it) and listed in its
   * {@code disabledFilters} with {@code reason}, as RingCentral reports filters it will not serve.
   *
   * @param part a part of the filters to disable, e.g. {@code /extension/102/telephony/sessions}
   * @param reason the reason reported, e.g. {@code FeatureNotAvailable}
   */
  public void disableFilters(String part, String reason) {
    synchronized (simulator.lock()) {
      simulator.faultState().disabledFilters.put(part, reason);
    }
  }

  /**
   * Sends an {@code Error} frame with {@code errorCode} on every connection and closes it, as the
   * gateway does on its timeouts ({@code WSG-902} idle, {@code WSG-903} absolute). Sessions stay
   * recoverable.
   *
   * @param errorCode the code of the {@code Error} frame: {@code WSG-902}, {@code WSG-903} or any other
   *     (which reads "Connection closed by the server")
   * @return how many connections were closed
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
   * @param fault the fault's name, with its argument if it takes one
   * @throws IllegalArgumentException for an unknown name or a bad argument, before anything is applied
   */
  public void apply(String fault) {
    parse(fault).action().accept(this);
  }

  /**
   * Schedules a fault script: entries {@code <delay>:<fault>} separated by commas or semicolons, the
   * delay from now in the configuration's duration syntax ({@code 500ms}, {@code 10s}, {@code 2m},
   * {@code 1h}), e.g. {@code "10s:drop, 30s:stall, 60s:refuse-recovery=WSG-1005"}. The whole script is
   * checked first (see {@link #checkScript(String)}): nothing is scheduled unless every entry is valid.
   * A fault that fails when its time comes is logged and the script goes on.
   *
   * @param script the entries
   * @return a handle that cancels what has not run yet
   * @throws IllegalArgumentException naming the first bad entry
   */
  public Disposable schedule(String script) {
    List<Entry> entries = entries(script);
    Disposable.Composite all = Disposables.composite();
    for (Entry e : entries) {
      all.add(scheduler.schedule(() -> safely(e.fault()), e.at().toMillis(), TimeUnit.MILLISECONDS));
    }
    return all;
  }

  /**
   * Checks a fault script as {@link #schedule(String)} reads it, without a simulator: the command line
   * calls it before it starts listening, so that a typo in the last entry is not found minutes later.
   *
   * @param script the entries, as for {@link #schedule(String)}
   * @throws IllegalArgumentException naming the first bad entry and what is wrong with it
   */
  public static void checkScript(String script) {
    entries(script);
  }

  private record Entry(Duration at, Fault fault) {}

  /** A fault word, checked, with what applying it does. */
  private record Fault(String word, Consumer<SimulatorFaults> action) {}

  private static List<Entry> entries(String script) {
    List<Entry> entries = new ArrayList<>();
    for (String part : script.split("[,;]")) {
      String entry = part.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("fault script entry '" + entry + "' is not <delay>:<fault>, e.g. 10s:drop");
      }
      String delay = entry.substring(0, colon).strip();
      Duration at = Durations.parse(delay).orElseThrow(() -> new IllegalArgumentException(
          "fault script entry '" + entry + "': the delay '" + delay + "' is not a duration such as " + Durations.EXAMPLES));
      try {
        entries.add(new Entry(at, parse(entry.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fault script entry '" + entry + "': " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static final String NAMES = "drop, garbage, foreign, stale, skip=N, reset-sequences, stall, "
      + "refuse-recovery=WSG-1003|WSG-1005, expire-tokens, revoke-sessions, 429=N[/S], fail-subscriptions=CODE[/N], "
      + "subscribe-without-id[=N], wsg=902|903, slow-presence=DURATION";

  /** Reads a fault word and its argument; every argument is checked here, so applying it cannot fail on input. */
  private static Fault parse(String fault) {
    String word = fault.strip();
    int eq = word.indexOf('=');
    String name = (eq < 0 ? word : word.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
    String arg = eq < 0 ? null : word.substring(eq + 1).strip();
    Consumer<SimulatorFaults> action = switch (name) {
      case "drop" -> noArgument(name, arg, SimulatorFaults::dropConnections);
      case "garbage" -> noArgument(name, arg, SimulatorFaults::sendGarbageFrames);
      case "foreign" -> noArgument(name, arg, SimulatorFaults::sendForeignNotification);
      case "stale" -> noArgument(name, arg, SimulatorFaults::replayStaleNotification);
      case "reset-sequences" -> noArgument(name, arg, SimulatorFaults::resetSequences);
      case "stall" -> noArgument(name, arg, SimulatorFaults::stall);
      case "expire-tokens" -> noArgument(name, arg, SimulatorFaults::expireTokens);
      case "revoke-sessions" -> noArgument(name, arg, SimulatorFaults::revokeSessions);
      case "skip" -> {
        int n = arg == null ? 5 : count("skip=N", arg, 1);
        yield f -> f.skipSequences(n);
      }
      case "refuse-recovery" -> {
        String code = arg == null ? "WSG-1005" : arg.toUpperCase(Locale.ROOT);
        if (!code.equals("WSG-1003") && !code.equals("WSG-1005")) {
          throw new IllegalArgumentException("refuse-recovery takes WSG-1003 or WSG-1005, was '" + arg + "'");
        }
        yield f -> f.refuseNextRecovery(code);
      }
      case "429" -> {
        String[] parts = (arg == null ? "1" : arg).split("/", -1);
        if (parts.length > 2) {
          throw new IllegalArgumentException("429 takes N or N/S (requests / Retry-After seconds), was '" + arg + "'");
        }
        int requests = count("429=N", parts[0], 0);
        Duration retryAfter = Duration.ofSeconds(parts.length > 1 ? count("429=N/S", parts[1], 0) : 1);
        yield f -> f.rateLimit(requests, retryAfter);
      }
      case "fail-subscriptions" -> {
        String[] parts = (arg == null ? "SUB-505" : arg).split("/", -1);
        String code = parts[0].strip().toUpperCase(Locale.ROOT);
        if (parts.length > 2 || code.isEmpty()) {
          throw new IllegalArgumentException("fail-subscriptions takes CODE or CODE/N (e.g. SUB-505/2), was '" + arg + "'");
        }
        int n = parts.length > 1 ? count("fail-subscriptions=CODE/N", parts[1], 1) : 1;
        yield f -> f.failSubscriptions(n, code);
      }
      case "subscribe-without-id" -> {
        int n = arg == null ? 1 : count("subscribe-without-id=N", arg, 0);
        yield f -> f.answerSubscriptionsWithoutId(n);
      }
      case "slow-presence" -> {
        Duration delay = arg == null ? null : Durations.parse(arg).orElse(null);
        if (delay == null) {
          throw new IllegalArgumentException("slow-presence takes a duration such as " + Durations.EXAMPLES
              + " (0s ends it), was '" + arg + "'");
        }
        yield f -> f.slowPresence(delay);
      }
      case "wsg" -> {
        String code = arg == null ? "902" : arg.replaceFirst("(?i)^WSG-", "");
        if (!code.equals("902") && !code.equals("903")) {
          throw new IllegalArgumentException("wsg takes 902 (idle) or 903 (absolute timeout), was '" + arg + "'");
        }
        yield f -> f.disconnectWith("WSG-" + code);
      }
      default -> throw new IllegalArgumentException("unknown fault '" + name + "' (known: " + NAMES + ")");
    };
    return new Fault(word, action);
  }

  private static Consumer<SimulatorFaults> noArgument(String name, String arg, Consumer<SimulatorFaults> action) {
    if (arg != null) {
      throw new IllegalArgumentException(name + " takes no argument, was given '" + arg + "'");
    }
    return action;
  }

  /** A whole number of at least {@code min} for the {@code form} of a fault. */
  private static int count(String form, String text, int min) {
    int n;
    try {
      n = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      n = Integer.MIN_VALUE;
    }
    if (n < min) {
      throw new IllegalArgumentException(form + ": needs a whole number of at least " + min + ", was '" + text.strip() + "'");
    }
    return n;
  }

  /**
   * Injects a random fault from a fixed menu every {@code every}, chosen by a {@link Random} with
   * {@code seed} (the same seed gives the same sequence of faults).
   *
   * @param every the time between two faults
   * @param seed the seed of the choice
   * @return a handle that stops it
   */
  public Disposable chaos(Duration every, long seed) {
    Random random = new Random(seed);
    return scheduler.schedulePeriodically(
        () -> safely(CHAOS_MENU.get(random.nextInt(CHAOS_MENU.size()))),
        every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void safely(Fault fault) {
    try {
      RingCentralSimulator.log().info("fault injected: {}", fault.word());
      fault.action().accept(this);
    } catch (RuntimeException e) {
      RingCentralSimulator.log().warn("fault '{}' failed: {}", fault.word(), e.toString());
    }
  }

}
