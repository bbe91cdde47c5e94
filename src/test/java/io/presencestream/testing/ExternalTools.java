package io.presencestream.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Finds programs outside the JDK and Maven (Node.js, Chromium) for tests that need them. Where one is
 * missing the test is skipped with a clear message, unless CI asked for them
 * ({@code PRESENCE_REQUIRE_EXTERNAL_TOOLS=true} or {@code -Dpresence.requireExternalTools=true}): then
 * the test fails, so CI always runs it.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** Whether missing tools must fail tests rather than skip them. */
  public static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("PRESENCE_REQUIRE_EXTERNAL_TOOLS"))
        || Boolean.getBoolean("presence.requireExternalTools")
        || "true".equalsIgnoreCase(System.getProperty("presence.requireExternalTools"));
  }

  /** The path of {@code program} on the PATH, or a skip (or failure, in CI) naming what is missing. */
  public static Path require(String program, String why) {
    Optional<Path> found = find(program);
    if (found.isEmpty()) {
      String message = program + " is not installed (needed " + why + "); .ci/run installs it";
      if (required()) {
        throw new AssertionFailedError(message + ", but it is missing although PRESENCE_REQUIRE_EXTERNAL_TOOLS=true");
      }
      assumeTrue(false, message + ": skipping");
    }
    return found.get();
  }

  /** Same as {@link #require} for a condition other than a program on the PATH (e.g. installed npm packages). */
  public static void requireThat(boolean present, String message) {
    if (!present) {
      if (required()) {
        throw new AssertionFailedError(message + " although PRESENCE_REQUIRE_EXTERNAL_TOOLS=true");
      }
      assumeTrue(false, message + ": skipping");
    }
  }

  public static Optional<Path> find(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
