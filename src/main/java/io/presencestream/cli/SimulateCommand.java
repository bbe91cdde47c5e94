package io.presencestream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code simulate} command. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class SimulateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("simulate: not implemented yet");
    return 2;
  }
}
