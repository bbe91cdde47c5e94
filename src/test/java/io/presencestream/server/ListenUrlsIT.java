package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The URLs a server bound to every interface gives out are ones a browser can open, not 0.0.0.0 or ::. */
class ListenUrlsIT extends ServerTestSupport {

  @Test
  void boundToEveryInterfaceTheBaseUrlIsTheLoopbackAddressAndServes() throws Exception {
    start(testOptions().mutate().host("0.0.0.0").build());

    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(get(server.baseUrl() + "/health/live")).isEqualTo(200);
    assertThat(server.loopbackOnly()).isFalse();
  }

  @Test
  void boundToEveryInterfaceItNamesTheMachinesOtherAddressesButNoWildcardLoopbackOrLinkLocal() {
    start(testOptions().mutate().host("::").build());

    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.networkUrls()).allSatisfy(url -> {
      URI uri = URI.create(url);
      assertThat(uri.getPort()).isEqualTo(server.port());
      assertThat(uri.getHost()).doesNotStartWith("127.").doesNotStartWith("0.").doesNotStartWith("[0:")
          .isNotEqualTo("[::]").isNotEqualTo("[::1]").doesNotStartWith("[fe80:").doesNotContain("%");
    });
  }

  @Test
  void boundToLoopbackItIsLoopbackOnlyWithNoOtherUrls() {
    start(testOptions());

    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.loopbackOnly()).isTrue();
    assertThat(server.networkUrls()).isEmpty();
  }

  private static int get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
