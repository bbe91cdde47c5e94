package io.presencestream.server;

/** A client stream's listener for tests that look at what the stream delivers, not at its counters. */
enum QuietListener implements ClientStream.Listener {
  INSTANCE;

  @Override
  public void sent(int events) {}

  @Override
  public void dropped(long events) {}

  @Override
  public void disconnected() {}
}
