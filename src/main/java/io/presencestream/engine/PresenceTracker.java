package io.presencestream.engine;

import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionState;
import java.util.Collection;
import java.util.Optional;

/**
 * The pure engine: the state of many extensions and every derivation of SEMANTICS §2–§6. No I/O, no
 * clock reads, not thread-safe: exactly one serial stage owns an instance.
 */
public final class PresenceTracker {

  public PresenceTracker(EngineOptions options) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Applies one input and says what it did. Never throws for any well-formed input. */
  public Outcome apply(EngineInput input) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** The current state of one extension. */
  public Optional<ExtensionState> state(String extensionId) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** The current state of every tracked extension. */
  public Collection<ExtensionState> states() {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Restores an extension from a saved state (e.g. a compacted Kafka state topic), replacing what was known. */
  public void restore(ExtensionState state) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }

  /** Stops tracking an extension and frees its state. */
  public void forget(String extensionId) {
    throw new UnsupportedOperationException("engine: to be implemented");
  }
}
