package io.presencestream.sink;

/** What a sink's bounded queue does with an event that arrives when it is full. */
public enum QueueOverflow {
  /** Keep what is queued and drop the arriving event (the queue keeps the oldest events). */
  DROP_NEWEST,
  /** Drop the oldest queued event to make room (the queue keeps the newest events). */
  DROP_OLDEST
}
