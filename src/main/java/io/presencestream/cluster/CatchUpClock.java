package io.presencestream.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The contact-centre node's clock: while it replays the events topic, the instant of the last event it handed
 * to the view, so that the view's ticks do not leap to the wall clock's now before the replayed events (the
 * rules apply an input older than the last instant at that instant: a tick at now would squash the day);
 * once live, the wall clock less the node's delay ({@link KafkaOptions#viewDelay()}), so that an input that
 * arrives up to that late is still applied at its own instant. Written by the node's poll thread, read by the view's ticks.
 */
final class CatchUpClock extends Clock {

  private final Clock wall;
  private final Duration delay;
  private final boolean replaying;
  private volatile Instant replayAt;
  private volatile Instant replayEnd;
  private volatile boolean live;

  /**
   * @param wall the wall clock
   * @param delay how far behind the wall clock the view runs once live
   * @param replayStart where the replay starts (the ticks read it until the first replayed event)
   * @param replaying whether events are replayed at all ({@link ViewStart#TODAY}), i.e. whether the view's
   *     outputs up to the end of the replay re-derive what an earlier run already delivered
   */
  CatchUpClock(Clock wall, Duration delay, Instant replayStart, boolean replaying) {
    this.wall = wall;
    this.delay = delay;
    this.replayAt = replayStart;
    this.replaying = replaying;
  }

  /** The first instant of today in {@code zone}: where a {@link ViewStart#TODAY} replay starts. */
  static Instant startOfToday(ZoneId zone, Clock wall) {
    return LocalDate.now(wall.withZone(zone)).atStartOfDay(zone).toInstant();
  }

  /** The replay reached {@code at}; never moves back. */
  void replayed(Instant at) {
    if (at.isAfter(replayAt)) {
      replayAt = at;
    }
  }

  /** The replay is over: from now on, the wall clock. */
  void goLive() {
    if (replaying) {
      replayEnd = replayAt;
    }
    live = true;
  }

  /**
   * Whether a view output re-derives the replayed past: anything before going live, and afterwards anything
   * at or before the last replayed instant (the view applies a late input at its last instant, so the outputs
   * of replayed inputs it applies after the switch carry at most that instant).
   */
  boolean isReplay(Instant outputAt) {
    Instant end = replayEnd;
    return !live || end != null && !outputAt.isAfter(end);
  }

  @Override
  public Instant instant() {
    return live ? wall.instant().minus(delay) : replayAt;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the view reads instants only");
  }
}
