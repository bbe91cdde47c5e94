package io.presencestream.daemon;

import java.util.List;

/**
 * A configuration that cannot be used. The daemon refuses to start with it; every problem is reported
 * at once, each starting with the key path it is about (e.g. {@code server.port: must be between 0 and
 * 65535}), so one edit fixes them all. Never carries a secret value.
 */
public final class ConfigException extends RuntimeException {

  /** Each problem as {@code key.path: what is wrong}; transient because a list is not promised serializable. */
  private final transient List<String> problems;

  /**
   * A refusal listing every problem; the message names the origin and has one line per problem.
   *
   * @param origin where the configuration came from (a file name or a classpath resource)
   * @param problems each as {@code key.path: what is wrong}, never quoting a secret
   */
  public ConfigException(String origin, List<String> problems) {
    super(format(origin, problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code key.path: what is wrong}. */
  List<String> problems() {
    return problems;
  }

  private static String format(String origin, List<String> problems) {
    StringBuilder text = new StringBuilder("invalid configuration ").append(origin).append(':');
    for (String problem : problems) {
      text.append(System.lineSeparator()).append("  ").append(problem);
    }
    return text.toString();
  }
}
