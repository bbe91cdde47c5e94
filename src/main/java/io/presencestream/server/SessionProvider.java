package io.presencestream.server;

import io.presencestream.model.TelephonySession;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where {@code /api/sessions} reads the live telephony sessions from (normally the engine:
 * {@code SessionProvider.of(engine::sessions, engine::sessions)}). Called on event-loop threads:
 * implementations must return at once, without I/O or waiting for a lock held long.
 */
public interface SessionProvider {

  /**
   * The live sessions of one extension.
   *
   * @param extensionId the extension, as the request named it (a valid extension id)
   * @return its sessions, oldest first; empty when it has none
   */
  List<TelephonySession> sessions(String extensionId);

  /** {@return every extension's live sessions, by extension id; extensions without sessions may be left out} */
  Map<String, List<TelephonySession>> sessions();

  /**
   * A provider from two functions, e.g. {@code SessionProvider.of(engine::sessions, engine::sessions)}.
   *
   * @param one answers {@link #sessions(String)}
   * @param all answers {@link #sessions()}
   * @return the provider
   * @throws NullPointerException if a function is null
   */
  static SessionProvider of(
      Function<String, List<TelephonySession>> one, Supplier<? extends Map<String, List<TelephonySession>>> all) {
    Objects.requireNonNull(one, "one");
    Objects.requireNonNull(all, "all");
    return new SessionProvider() {
      @Override
      public List<TelephonySession> sessions(String extensionId) {
        return one.apply(extensionId);
      }

      @Override
      public Map<String, List<TelephonySession>> sessions() {
        return all.get();
      }
    };
  }

  /**
   * No sessions at all: where no telephony-session feed runs (a Kafka processor, an ingest-only daemon).
   *
   * @return a provider whose every answer is empty
   */
  static SessionProvider none() {
    return of(id -> List.of(), Map::of);
  }
}
