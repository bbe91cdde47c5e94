package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A browser opening the wallboard without the required token sees how to open it, not raw JSON. */
class LoginHintIT extends ServerTestSupport {

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url(path))).header("Accept", accept).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void browserOpeningThePageWithoutTheTokenGetsALoginHint() throws Exception {
    start(testOptions().mutate().bearerToken("s3cret-token").build());

    HttpResponse<String> page = get("/", "text/html,application/xhtml+xml,*/*;q=0.8");

    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("id=\"login-hint\"").contains("?access_token=").doesNotContain("s3cret");
  }

  @Test
  void scriptsAndTheApiStillGetTheJsonError() throws Exception {
    start(testOptions().mutate().bearerToken("s3cret-token").build());

    assertThat(get("/", "application/json").body()).contains("\"error\":\"unauthorized\"");
    assertThat(get("/api/state", "text/html").body()).contains("\"error\":\"unauthorized\"");
  }
}
