package io.presencestream.server;

/**
 * What the {@link EventHub} does when an SSE client's buffer is full because the client reads slower
 * than events arrive. Either way the client's memory stays bounded and other clients are not affected.
 */
public enum OverflowPolicy {
  /**
   * Drop the client's oldest buffered event and tell the client: before the next event it receives an
   * {@code event: gap} frame with the range of ids it missed ({@code {"fromId","toId","missed","reason":"overflow"}}).
   */
  DROP_OLDEST,
  /**
   * Close the client's connection. A browser's {@code EventSource} reconnects by itself with
   * {@code Last-Event-ID} and is replayed what it missed, as far as the history reaches.
   */
  DISCONNECT
}
