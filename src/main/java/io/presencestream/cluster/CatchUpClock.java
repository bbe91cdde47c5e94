package io.presencestream.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The contact-centre node's clock: while it replays the events topic, the instant of the last event it handed
 * to the view, so that the view's ticks do not leap to the wall clock's now before the replayed events (the
 * rules apply an input older than the last instant at that instant: a tick at now would squash the day);
 * once live, the wall clock. Written by the node's poll thread, read by the view's ticks.
 */
final class CatchUpClock extends Clock {

  private final Clock wall;
  private volatile Instant replayAt;
  private volatile boolean live;

  CatchUpClock(Clock wall, Instant replayStart) {
    this.wall = wall;
    this.replayAt = replayStart;
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
    live = true;
  }

  @Override
  public Instant instant() {
    return live ? wall.instant() : replayAt;
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
