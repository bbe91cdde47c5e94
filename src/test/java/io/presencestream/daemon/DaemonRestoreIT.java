package io.presencestream.daemon;

/** A restart mid-day keeps today's figures, on the embedded H2 history (a file). */
class DaemonRestoreIT extends DaemonRestoreContract {

  @Override
  String database() {
    return "h2: {file: " + dir.resolve("db/presence") + "}";
  }
}
