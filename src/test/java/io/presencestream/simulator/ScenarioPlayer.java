package io.presencestream.simulator;

import io.presencestream.model.Party;
import io.presencestream.model.TelephonySession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper for tests outside this package (the daemon's end-to-end and browser tests): plays chosen
 * scenario kinds on a running simulator, step by step, and says which sessions an extension's tracker
 * should hold live, by the rules {@link SessionAgreement} checks them with.
 */
public final class ScenarioPlayer {

  /** Every scenario kind the simulator can play on demand ({@link ScenarioGenerator#KINDS}). */
  public static final List<String> KINDS = ScenarioGenerator.KINDS;

  /** The extension id of the simulated call queue, whose party the account-level feed reports too. */
  public static final String QUEUE_ID = CallScenarios.QUEUE_ID;

  /** The extension id of the second call queue, the Support Queue (sequential). */
  public static final String SUPPORT_QUEUE_ID = OfficeModel.SUPPORT_QUEUE_ID;

  private static final AtomicInteger TOUCHES = new AtomicInteger();

  private final RingCentralSimulator sim;
  private final Scenario scenario;

  private ScenarioPlayer(RingCentralSimulator sim, Scenario scenario) {
    this.sim = sim;
    this.scenario = scenario;
  }

  /**
   * Starts a scenario of the named kind on the first free available extensions; nothing is sent until
   * {@link #advance()}.
   *
   * @throws IllegalArgumentException for an unknown kind, or when too few extensions are free
   */
  public static ScenarioPlayer start(RingCentralSimulator sim, String kind) {
    return new ScenarioPlayer(sim, sim.traffic().start(kind));
  }

  /** Plays a scenario of the named kind from start to end; {@return its player, done} */
  public static ScenarioPlayer play(RingCentralSimulator sim, String kind) {
    ScenarioPlayer player = start(sim, kind);
    player.finish();
    return player;
  }

  /** {@return the scenario's kind} */
  public String kind() {
    return scenario.kind;
  }

  /** {@return the ids of the extensions the scenario holds (caller, callee, agents …), in its order} */
  public List<String> extensionIds() {
    return scenario.holders.stream().map(e -> e.id).toList();
  }

  /** {@return how many steps the whole scenario has} */
  public int steps() {
    return scenario.steps.size();
  }

  /** {@return how many steps were run} */
  public int stepsRun() {
    return scenario.next;
  }

  /** {@return whether every step was run} */
  public boolean done() {
    return scenario.done();
  }

  /** Runs the next step, routed and flushed to the subscribers like a traffic step. */
  public void advance() {
    sim.traffic().advance(scenario);
  }

  /** Runs every step left. */
  public void finish() {
    while (!scenario.done()) {
      advance();
    }
  }

  /**
   * Sends a presence notification for {@code extensionId} that changes only its message: an input that
   * moves a consumer's input time on without touching calls or sessions.
   */
  public static void touch(RingCentralSimulator sim, String extensionId) {
    sim.traffic().setPresence(extensionId, null, null, "Back in " + TOUCHES.incrementAndGet() + " minutes");
  }

  /**
   * The truth's sessions that the engine's tracker should hold live for {@code extensionId}: those in
   * which it has a party that has not left, but the inbound leg of a RingOut whose outbound leg is live
   * too (merged into it, as presence merges the legs).
   *
   * @return by telephony session id
   */
  public static Map<String, SessionTruth> expectedLive(List<SessionTruth> truth, String extensionId) {
    return SessionAgreement.expected(truth, extensionId);
  }

  /**
   * Whether a tracker may still hold {@code session} for its extension although the truth does not list
   * it as live for it: the extension's party left by {@code Pickup} and the tracker waits its switch grace
   * for the extension's new party.
   */
  public static boolean waitingAfterPickup(TelephonySession session) {
    return SessionAgreement.waitingAfterPickup(session);
  }

  /** {@return the party as a subscription without {@code sipData=true} receives it (no SIP data)} */
  public static Party withoutSipData(Party p) {
    return new Party(p.id(), p.accountId(), p.extensionId(), p.direction(), p.from(), p.to(), p.status(),
        p.missedCall(), p.standAlone(), p.muted(), p.queueCall(), p.recordings(), p.conferenceRole(),
        p.ringOutRole(), p.ringMeRole(), null);
  }
}
