package io.presencestream.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop, so {@code run} can stop gracefully and exit 0 as
 * documented. Left to the JVM, a signal starts the shutdown hooks and the process exits with 128 + the
 * signal number (143, 130) whatever the hooks did. A second signal while stopping halts at once.
 * Where the signals cannot be taken (another owner, {@code -Xrs}), the JVM's own handling stays: the
 * shutdown hook still stops the daemon, only the exit code is the JVM's.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to take a signal. It
 * is reached by reflection: naming it in source draws javac's "internal proprietary API" warning, which
 * no annotation suppresses and which would fail the warning-free javadoc build.
 */
final class StopSignals {

  private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

  private final CompletableFuture<String> requested = new CompletableFuture<>();

  /** Completes with the signal's name ({@code TERM}, {@code INT}) once one arrived. */
  CompletableFuture<String> requested() {
    return requested;
  }

  /** Takes over SIGTERM and SIGINT; returns whether at least one was taken. */
  boolean install() {
    Constructor<?> newSignal;
    Method handle;
    Method getName;
    Method getNumber;
    Class<?> handlerType;
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      handlerType = Class.forName("sun.misc.SignalHandler");
      newSignal = signalType.getConstructor(String.class);
      handle = signalType.getMethod("handle", signalType, handlerType);
      getName = signalType.getMethod("getName");
      getNumber = signalType.getMethod("getNumber");
    } catch (ReflectiveOperationException | LinkageError e) {
      log.debug("cannot handle signals: {}", e.toString());
      return false;
    }
    Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
        (proxy, method, args) -> switch (method.getName()) {
          case "handle" -> {
            received((String) getName.invoke(args[0]), (Integer) getNumber.invoke(args[0]));
            yield null;
          }
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "StopSignals handler";
        });
    boolean any = false;
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        handle.invoke(null, newSignal.newInstance(name), handler);
        any = true;
      } catch (InvocationTargetException e) {
        // IllegalArgumentException (unknown or reserved signal) or UnsupportedOperationException (-Xrs)
        log.debug("cannot handle SIG{}: {}", name, e.getCause() == null ? e : e.getCause().getMessage());
      } catch (ReflectiveOperationException e) {
        log.debug("cannot handle SIG{}: {}", name, e.toString());
      }
    }
    return any;
  }

  private void received(String name, int number) {
    if (!requested.complete(name)) {
      // a second signal: the user does not want to wait for the graceful stop
      System.err.println("presence-stream: stopping at once (SIG" + name + " again)");
      Runtime.getRuntime().halt(128 + number);
    }
  }
}
