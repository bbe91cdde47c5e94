package io.presencestream.simulator;

import io.presencestream.codec.protocol.ExtensionRecord;
import io.presencestream.model.DndStatus;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.model.UserStatus;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulated office as the rest of the simulator sees it: its state ({@link OfficeModel}), the
 * traffic that changes it ({@link ScenarioGenerator}) and what a consumer should conclude from it
 * ({@link GroundTruth}), wired to one seeded {@link Random} and one clock.
 *
 * <p>Not thread-safe: {@link RingCentralSimulator} calls it under one lock, this object's monitor.
 * Deterministic: with the same seed, the same clock readings and the same sequence of calls, it
 * produces the same traffic, ids included (everything draws from the one {@link Random}, in an order
 * {@code OfficeGoldenTrafficTest} pins).
 */
final class Office {

  private final OfficeModel model;
  private final ScenarioGenerator generator;

  Office(SimulatorOptions options) {
    Random random = new Random(options.seed());
    // The ids draw their session base first, before the model draws the contacts and extensions.
    OfficeIds ids = new OfficeIds(random);
    this.model = new OfficeModel(options, random, ids);
    this.generator = new ScenarioGenerator(model, ids, random);
  }

  // ---------------------------------------------------------------- state

  List<SimExtension> extensions() {
    return model.extensions();
  }

  SimExtension extension(String id) {
    return model.extension(id);
  }

  /** The extension the simulator's JWT belongs to: what {@code ~} means. */
  SimExtension owner() {
    return model.owner();
  }

  List<ExtensionRecord> directory() {
    return model.directory();
  }

  /** The REST snapshot of one extension: every raw call, no sequence, no totalActiveCalls. */
  PresenceUpdate snapshot(SimExtension e) {
    return model.snapshot(e);
  }

  /** The REST snapshot of a directory entry without presence traffic (a department, a disabled user). */
  static PresenceUpdate quietSnapshot(String id) {
    return OfficeModel.quietSnapshot(id);
  }

  /** The call queues, in the order the REST list gives them. */
  List<SimQueue> queues() {
    return model.queues();
  }

  /** The call queue with this id, or null. */
  SimQueue queue(String id) {
    return model.queue(id);
  }

  /** A directory entry's {@code contact.department}, or null. */
  String department(String extensionId) {
    return model.department(extensionId);
  }

  /**
   * Switches members' {@code acceptCurrentQueueCalls} in one queue, as {@code PUT …/call-queues/{id}/presence}
   * does; all or nothing.
   *
   * @return the change to notify (the members whose value changed), or null when none changed
   * @throws IllegalArgumentException for an unknown queue or a member id that is no member of it
   */
  QueuePresenceChange setQueuePresence(String queueId, List<io.presencestream.codec.CallQueueJson.MemberSwitch> switches) {
    return model.setQueuePresence(queueId, switches);
  }

  // ---------------------------------------------------------------- the directory changing

  /** Adds {@code count} enabled users; one {@code Create} each. */
  List<DirectoryChange> addUsers(int count, List<SimExtension> added) {
    List<DirectoryChange> changes = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SimExtension e = model.addUser();
      added.add(e);
      changes.add(change(e.id, io.presencestream.codec.protocol.ExtensionListEvent.Type.CREATE));
    }
    return changes;
  }

  /** Disables an enabled user ({@code Update}). @throws IllegalArgumentException as {@link OfficeModel#disable} */
  DirectoryChange disable(String id) {
    model.disable(id);
    return change(id, io.presencestream.codec.protocol.ExtensionListEvent.Type.UPDATE);
  }

  /** Enables a disabled user ({@code Update}). @throws IllegalArgumentException as {@link OfficeModel#enable} */
  DirectoryChange enable(String id) {
    model.enable(id);
    return change(id, io.presencestream.codec.protocol.ExtensionListEvent.Type.UPDATE);
  }

  /** Deletes a user ({@code Delete}). @throws IllegalArgumentException as {@link OfficeModel#delete} */
  DirectoryChange delete(String id) {
    model.delete(id);
    return change(id, io.presencestream.codec.protocol.ExtensionListEvent.Type.DELETE);
  }

  private DirectoryChange change(String id, io.presencestream.codec.protocol.ExtensionListEvent.Type type) {
    // Ids.uuid, not the office's seeded ids: a directory change must not shift the traffic's random draws.
    return new DirectoryChange(id, type,
        type == io.presencestream.codec.protocol.ExtensionListEvent.Type.UPDATE ? List.of("ExtensionInfo") : List.of(),
        Ids.uuid(), model.now());
  }

  // ---------------------------------------------------------------- ground truth

  /** The true state of every user extension now, by id, in directory order. */
  Map<String, ExtensionState> truth() {
    return GroundTruth.of(model.extensions());
  }

  ExtensionState truth(SimExtension e) {
    return GroundTruth.of(e);
  }

  // ---------------------------------------------------------------- telephony sessions

  /** The true state of every live telephony session, oldest first. */
  List<SessionTruth> sessionTruth() {
    return GroundTruth.sessions(model.sessions());
  }

  /** One live telephony session; null when unknown or ended. */
  SessionTruth session(String telephonySessionId) {
    return GroundTruth.session(model.sessions(), telephonySessionId);
  }

  /**
   * Whether the changes of telephony sessions are recorded for {@link #takeSessionChanges()}: on only while
   * someone subscribes to them, so that nobody pays for notifications nobody reads. Recording never
   * changes the traffic.
   */
  void recordSessionChanges(boolean on) {
    model.sessions().recording(on);
  }

  /** The telephony-session changes recorded since the last call, oldest first. */
  List<SessionChange> takeSessionChanges() {
    return model.sessions().take();
  }

  /** The call-queue presence changes the traffic made since the last call (agents switching queues), oldest first. */
  List<QueuePresenceChange> takeQueueChanges() {
    return model.takeQueueChanges();
  }

  /** The contact-centre truth (agents, their days, queue calls), kept as the office changes. */
  ContactCentreBook contactCentre() {
    return model.contactCentre();
  }

  /** The office's clock, read as every change reads it (milliseconds). */
  java.time.Instant now() {
    return model.now();
  }

  /** How many telephony-session changes were ever recorded. */
  long sessionChangesRecorded() {
    return model.sessions().recorded();
  }

  // ---------------------------------------------------------------- traffic

  /**
   * One generator step: starts a new scenario or advances a running one, and returns a notification
   * for every extension it touched (in the order touched).
   */
  List<SimNotification> step() {
    return generator.step();
  }

  long steps() {
    return generator.steps();
  }

  /** Turns the random traffic's bursts on or off. */
  void bursts(boolean on) {
    generator.bursts(on);
  }

  /**
   * Starts one scenario of the named kind outside the random traffic (tests); {@link #advance} runs its
   * steps. @throws IllegalArgumentException for an unknown kind or too few free extensions
   */
  Scenario play(String kind) {
    return generator.play(kind);
  }

  /** The next step of a scenario from {@link #play}: the notifications of what it changed. */
  List<SimNotification> advance(Scenario scenario) {
    return generator.advance(scenario);
  }

  /** A presence change for one extension, applied now (tests script presence this way). */
  List<SimNotification> setPresence(String id, UserStatus userStatus, DndStatus dnd, String message) {
    return model.setPresence(id, userStatus, dnd, message);
  }

  // ---------------------------------------------------------------- faults on sequences

  /** The next notification of every extension skips {@code n} sequence numbers (a gap, not an error). */
  void skipSequences(int n) {
    model.skipSequences(n);
  }

  /** Every extension's sequence jumps back, as after a server-side reset. */
  void resetSequences() {
    model.resetSequences();
  }

  /** An old notification of the most recently notified extension sent again; null if there is none. */
  SimNotification staleReplay() {
    return model.staleReplay();
  }
}
