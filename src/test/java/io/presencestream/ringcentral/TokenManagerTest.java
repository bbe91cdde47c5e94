package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

  private static final int ROUNDS = 20_000;

  private final TokenManager tokens =
      new TokenManager(
          null,
          ProtocolCodec.create(65536),
          RingCentralOptions.builder(URI.create("http://127.0.0.1:1"), "id", "secret-value", "jwt-value").build(),
          Clock.systemUTC(),
          new Redactor(List.of()),
          new ClientMetrics(new SimpleMeterRegistry()));

  @Test
  void invalidatingTheTokenThatWasRefusedKeepsTheRenewedOne() {
    tokens.accept(token("old"));
    tokens.invalidate("old");
    tokens.accept(token("new"));
    tokens.invalidate("old");

    assertThat(tokens.currentAccessToken()).isEqualTo("new");
    assertThat(tokens.accessToken().block()).isEqualTo("new");
  }

  /**
   * A 401 for the old token and the renewal that replaces it land at the same moment: whatever the
   * interleaving, the renewed token stays (an invalidation never writes back a state it read before).
   */
  @Test
  void aConcurrentInvalidationNeverUndoesARenewal() throws Exception {
    AtomicInteger round = new AtomicInteger(-1);
    AtomicInteger done = new AtomicInteger();
    List<Integer> lost = new ArrayList<>();
    Thread invalidator =
        new Thread(
            () -> {
              for (int i = 0; i < ROUNDS; i++) {
                while (round.get() < i) {
                  Thread.yield();
                }
                tokens.invalidate("old-" + i);
                done.incrementAndGet();
              }
            });
    invalidator.start();
    for (int i = 0; i < ROUNDS; i++) {
      tokens.accept(token("old-" + i));
      TokenResponse renewed = token("new-" + i);
      round.set(i);
      tokens.accept(renewed);
      while (done.get() <= i) {
        Thread.yield();
      }
      if (!("new-" + i).equals(tokens.currentAccessToken())) {
        lost.add(i);
      }
    }
    invalidator.join();

    assertThat(lost).as("rounds whose renewed token was overwritten by the invalidation").isEmpty();
  }

  private static TokenResponse token(String access) {
    return new TokenResponse(access, "bearer", 3600, "refresh-" + access, 604800, "ReadPresence", "1001", null, null);
  }
}
