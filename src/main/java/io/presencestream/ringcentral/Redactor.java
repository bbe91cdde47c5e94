package io.presencestream.ringcentral;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Removes credentials and tokens from text that may reach a log or an exception message (a server
 * error echoing a request, a transport exception naming a URL). Knows the static secrets from the
 * options and the most recent tokens, bounded in number. Thread-safe.
 */
final class Redactor {

  private static final int MAX_DYNAMIC = 32;
  private static final String MASK = "***";

  private final List<String> fixed;
  private final Deque<String> dynamic = new ArrayDeque<>();

  Redactor(List<String> fixedSecrets) {
    this.fixed = fixedSecrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  /** Remembers a token that must never appear in text from now on. */
  synchronized void register(String secret) {
    if (secret == null || secret.length() < 4 || dynamic.contains(secret)) {
      return;
    }
    dynamic.addFirst(secret);
    while (dynamic.size() > MAX_DYNAMIC) {
      dynamic.removeLast();
    }
  }

  /** The text with every known secret and every {@code access_token=}/{@code wsc=} query value masked. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : fixed) {
      result = result.replace(secret, MASK);
    }
    synchronized (this) {
      for (String secret : dynamic) {
        result = result.replace(secret, MASK);
      }
    }
    return result.replaceAll("(?i)(access_token|wsc|assertion|refresh_token|token)=[^&\\s\"']+", "$1=" + MASK);
  }
}
