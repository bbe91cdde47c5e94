package io.presencestream.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A multi-step story on some extensions (a call rings, is answered, held, transferred, ends); each step is
 * one generator step and adds the extensions whose presence it changed to the set it is given.
 */
final class Scenario {
  final String kind;
  final List<SimExtension> holders;
  final List<Consumer<Set<SimExtension>>> steps = new ArrayList<>();
  int next;

  Scenario(String kind, List<SimExtension> holders) {
    this.kind = kind;
    this.holders = holders;
  }

  Scenario step(Consumer<Set<SimExtension>> step) {
    steps.add(step);
    return this;
  }

  boolean done() {
    return next >= steps.size();
  }
}
