package io.presencestream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code replay} command. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class ReplayCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.err.println("replay: not implemented yet");
    return 2;
  }
}
