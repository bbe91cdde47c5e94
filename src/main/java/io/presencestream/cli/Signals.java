package io.presencestream.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Takes operating-system signals for the commands that stop gracefully on them ({@link StopSignals} for
 * {@code run}, {@link ReplaySignals} for {@code replay}).
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the JDK's only way to take a signal. It
 * is reached by reflection: naming it in source draws javac's "internal proprietary API" warning, which
 * no annotation suppresses and which would fail the warning-free javadoc build.
 */
final class Signals {

  /** The signals taken; {@link #restore()} puts back the handlers they had before. */
  static final class Taken {
    private final List<Object> signals = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();

    /** How many of the signals asked for are now ours. */
    int count() {
      return signals.size();
    }

    /** Puts back the handlers that were in place before; a signal that cannot be given back stays ours. */
    void restore() {
      for (int i = 0; i < signals.size(); i++) {
        try {
          HANDLE.invoke(null, signals.get(i), previous.get(i));
        } catch (ReflectiveOperationException e) {
          // stays ours: its handler only asks a command that has finished to stop
        }
      }
    }
  }

  private static final Class<?> HANDLER;
  private static final Constructor<?> NEW_SIGNAL;
  private static final Method HANDLE;
  private static final Method GET_NUMBER;
  private static final Method GET_NAME;
  /** Why signals cannot be taken in this JVM, or null when they can. */
  private static final String UNAVAILABLE;

  static {
    Class<?> handler = null;
    Constructor<?> newSignal = null;
    Method handle = null;
    Method getNumber = null;
    Method getName = null;
    String unavailable = null;
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      handler = Class.forName("sun.misc.SignalHandler");
      newSignal = signal.getConstructor(String.class);
      handle = signal.getMethod("handle", signal, handler);
      getNumber = signal.getMethod("getNumber");
      getName = signal.getMethod("getName");
    } catch (ReflectiveOperationException | LinkageError e) {
      unavailable = e.toString();
    }
    HANDLER = handler;
    NEW_SIGNAL = newSignal;
    HANDLE = handle;
    GET_NUMBER = getNumber;
    GET_NAME = getName;
    UNAVAILABLE = unavailable;
  }

  private Signals() {}

  /**
   * Handles each of {@code names} ({@code "INT"}, {@code "TERM"}) with {@code onSignal(name, number)} where
   * the JVM lets it; a signal it does not (reserved, another owner, {@code -Xrs}) keeps the JVM's own
   * handling, and {@code notTaken} hears why. Never fails.
   */
  static Taken take(List<String> names, BiConsumer<String, Integer> onSignal, BiConsumer<String, String> notTaken) {
    Taken taken = new Taken();
    if (UNAVAILABLE != null) {
      names.forEach(name -> notTaken.accept(name, UNAVAILABLE));
      return taken;
    }
    InvocationHandler handle = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "presence-stream signal handler";
        };
      }
      onSignal.accept((String) GET_NAME.invoke(args[0]), (Integer) GET_NUMBER.invoke(args[0]));
      return null;
    };
    Object handler = Proxy.newProxyInstance(HANDLER.getClassLoader(), new Class<?>[] {HANDLER}, handle);
    for (String name : names) {
      try {
        Object signal = NEW_SIGNAL.newInstance(name);
        taken.previous.add(HANDLE.invoke(null, signal, handler));
        taken.signals.add(signal);
      } catch (InvocationTargetException e) {
        // IllegalArgumentException (unknown or reserved signal) or UnsupportedOperationException (-Xrs)
        notTaken.accept(name, String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
      } catch (ReflectiveOperationException e) {
        notTaken.accept(name, e.toString());
      }
    }
    return taken;
  }
}
