package io.presencestream.cli;

/** Errors of a failed start or run, told in one line on stderr: a stack trace helps nobody who mistyped a port. */
final class Failures {

  private Failures() {}

  /**
   * Why the start failed, in one line; a host that does not resolve is named with what set it.
   *
   * @param hostSource the option or key that set {@code host}, e.g. {@code --host}
   */
  static String startFailure(Throwable error, String host, String hostSource) {
    for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof java.nio.channels.UnresolvedAddressException
          || cause instanceof java.net.UnknownHostException) {
        return "cannot listen on " + host + " (" + hostSource + "): not an IP address or a host name that resolves";
      }
    }
    return describe(error);
  }

  /** The error and its causes in one line (messages of this project never carry secrets). */
  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage() == null ? error : error.getMessage()));
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
    return text.toString();
  }
}
