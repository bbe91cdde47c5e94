package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {

  private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
  private static final String BULK = "/restapi/v1.0/account/~/extension/101,102/presence?detailedTelephonyState=true";
  private static final String ONE = "/restapi/v1.0/account/~/extension/103/presence?detailedTelephonyState=true";
  private static final String ACCOUNT = "/restapi/v1.0/account/~/presence?page=2&perPage=1000";

  private final RateLimitPacer pacer = new RateLimitPacer();

  @Test
  void aGroupWithRequestsLeftLetsTheNextOneGo() {
    pacer.observe(HttpMethod.GET, BULK, 207, limits("heavy", 10, 3, 60), null, T0);

    assertThat(pacer.delay(HttpMethod.GET, BULK, T0)).isZero();
  }

  @Test
  void theLastRequestOfAWindowHoldsItsGroupForTheWindow() {
    pacer.observe(HttpMethod.GET, BULK, 207, limits("heavy", 10, 0, 60), null, T0);

    assertThat(pacer.delay(HttpMethod.GET, "/restapi/v1.0/account/~/extension/7,8,9/presence", T0.plusSeconds(10)))
        .isEqualTo(Duration.ofSeconds(50));
    assertThat(pacer.delay(HttpMethod.GET, BULK, T0.plusSeconds(60))).isZero();
    assertThat(pacer.delay(HttpMethod.GET, ONE, T0.plusSeconds(10))).as("another endpoint, group not known").isZero();
  }

  @Test
  void endpointsOfOneGroupShareIt() {
    pacer.observe(HttpMethod.GET, BULK, 207, limits("heavy", 10, 5, 60), null, T0);
    pacer.observe(HttpMethod.GET, ACCOUNT, 200, limits("Heavy", 10, 0, 60), null, T0);

    assertThat(pacer.delay(HttpMethod.GET, BULK, T0)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void a429HoldsTheGroupForItsRetryAfter() {
    pacer.observe(HttpMethod.GET, ONE, 429, limits("light", 50, 0, 60), Duration.ofSeconds(7), T0);

    assertThat(pacer.delay(HttpMethod.GET, ONE, T0.plusSeconds(2))).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void answersWithoutTheHeadersChangeNothing() {
    pacer.observe(HttpMethod.GET, ONE, 200, new DefaultHttpHeaders(), null, T0);

    assertThat(pacer.delay(HttpMethod.GET, ONE, T0)).isZero();
  }

  @Test
  void endpointsAreNamedWithoutIdsOrQuery() {
    assertThat(RateLimitPacer.endpoint(HttpMethod.GET, BULK)).isEqualTo("GET /restapi/v1.0/account/{id}/extension/{ids}/presence");
    assertThat(RateLimitPacer.endpoint(HttpMethod.GET, ONE)).isEqualTo("GET /restapi/v1.0/account/{id}/extension/{id}/presence");
    assertThat(RateLimitPacer.endpoint(HttpMethod.POST, "/restapi/oauth/token")).isEqualTo("POST /restapi/oauth/token");
  }

  private static HttpHeaders limits(String group, int limit, int remaining, int windowSeconds) {
    return new DefaultHttpHeaders()
        .set("X-Rate-Limit-Group", group)
        .set("X-Rate-Limit-Limit", limit)
        .set("X-Rate-Limit-Remaining", remaining)
        .set("X-Rate-Limit-Window", windowSeconds);
  }
}
