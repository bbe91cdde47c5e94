package io.presencestream.server;

import io.presencestream.model.ExtensionState;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the HTTP API reads current state from (normally the engine: {@code StateProvider.of(engine::state,
 * engine::states)}). Called on event-loop threads: implementations must return at once, without I/O or
 * waiting for a lock held long.
 */
public interface StateProvider {

  /**
   * The state of one extension.
   *
   * @param extensionId the extension, as the request named it
   * @return its state, or empty when it is not tracked
   */
  Optional<ExtensionState> state(String extensionId);

  /** {@return the state of every tracked extension, by id} */
  Map<String, ExtensionState> states();

  /**
   * A provider from two functions, e.g. {@code StateProvider.of(engine::state, engine::states)}.
   *
   * @param one answers {@link #state(String)}
   * @param all answers {@link #states()}
   * @return the provider
   * @throws NullPointerException if a function is null
   */
  static StateProvider of(
      Function<String, Optional<ExtensionState>> one, Supplier<? extends Map<String, ExtensionState>> all) {
    Objects.requireNonNull(one, "one");
    Objects.requireNonNull(all, "all");
    return new StateProvider() {
      @Override
      public Optional<ExtensionState> state(String extensionId) {
        return one.apply(extensionId);
      }

      @Override
      public Map<String, ExtensionState> states() {
        return all.get();
      }
    };
  }
}
