package io.presencestream.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop a replay after the line in hand, for as long as the
 * replay runs. Left to the JVM, a signal ends the process at once, with up to a buffer's worth of output
 * unwritten and the last line on stdout possibly cut in two. A second signal halts at once (the user does
 * not want to wait), with the JVM's usual exit code. The handlers in place before are put back on close.
 */
final class ReplaySignals {

  /** Where a request to stop comes from; the real command uses {@link #install}, tests their own trigger. */
  @FunctionalInterface
  interface Source {
    /**
     * Calls {@code stop} with the signal's number on the first request, until the returned handle is
     * closed.
     */
    Handle onInterrupt(IntConsumer stop);
  }

  /** Undoes {@link Source#onInterrupt}. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  /*
   * sun.misc.Signal (module jdk.unsupported, exported for exactly this use) is reached by reflection: javac
   * warns about every compile-time reference to it, a warning no @SuppressWarnings silences, and the
   * javadoc build must stay free of warnings. Null where the JVM has no such class.
   */
  private static final Class<?> SIGNAL;
  private static final Class<?> HANDLER;
  private static final Constructor<?> NEW_SIGNAL;
  private static final Method HANDLE;
  private static final Method GET_NUMBER;
  private static final Method GET_NAME;

  static {
    Class<?> signal = null;
    Class<?> handler = null;
    Constructor<?> newSignal = null;
    Method handle = null;
    Method getNumber = null;
    Method getName = null;
    try {
      signal = Class.forName("sun.misc.Signal");
      handler = Class.forName("sun.misc.SignalHandler");
      newSignal = signal.getConstructor(String.class);
      handle = signal.getMethod("handle", signal, handler);
      getNumber = signal.getMethod("getNumber");
      getName = signal.getMethod("getName");
    } catch (ReflectiveOperationException | LinkageError e) {
      signal = null; // no signal handling: the JVM's own stays
    }
    SIGNAL = signal;
    HANDLER = handler;
    NEW_SIGNAL = newSignal;
    HANDLE = handle;
    GET_NUMBER = getNumber;
    GET_NAME = getName;
  }

  private final List<Object> signals = new ArrayList<>();
  private final List<Object> previous = new ArrayList<>();

  private ReplaySignals() {}

  /** Takes SIGINT and SIGTERM where the JVM lets it (not with {@code -Xrs}, for instance); never fails. */
  static Handle install(IntConsumer stop) {
    ReplaySignals installed = new ReplaySignals();
    if (SIGNAL == null) {
      return installed::restore;
    }
    AtomicBoolean requested = new AtomicBoolean();
    InvocationHandler onSignal = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "ReplaySignals.handler";
        };
      }
      Object signal = args[0];
      int number = (Integer) GET_NUMBER.invoke(signal);
      if (requested.compareAndSet(false, true)) {
        stop.accept(number);
      } else {
        System.err.println();
        System.err.println("replay: stopping at once (SIG" + GET_NAME.invoke(signal) + " again)");
        Runtime.getRuntime().halt(128 + number);
      }
      return null;
    };
    Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER}, onSignal);
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Object signal = NEW_SIGNAL.newInstance(name);
        installed.previous.add(HANDLE.invoke(null, signal, handler));
        installed.signals.add(signal);
      } catch (ReflectiveOperationException e) {
        // IllegalArgumentException or UnsupportedOperationException inside: not ours to take, the JVM's own
        // handling stays
      }
    }
    return installed::restore;
  }

  private void restore() {
    for (int i = 0; i < signals.size(); i++) {
      try {
        HANDLE.invoke(null, signals.get(i), previous.get(i));
      } catch (ReflectiveOperationException e) {
        // the handler stays ours; it only asks the replay (already finished) to stop
      }
    }
  }
}
