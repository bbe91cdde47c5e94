package io.presencestream.simulator;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.Frame;
import io.presencestream.codec.protocol.FrameHeader;
import io.presencestream.codec.protocol.FrameType;
import io.presencestream.codec.protocol.SubscriptionRequest;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.codec.protocol.WsTokenResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** Test helper speaking to a simulator the way a RingCentral client does, over real sockets. */
final class SimClient {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final String PRESENCE_FLAGS = "?detailedTelephonyState=true&sipData=true";

  record Response(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  final RingCentralSimulator sim;
  final ProtocolCodec codec = ProtocolCodec.create();
  private final HttpClient http = HttpClient.create();

  SimClient(RingCentralSimulator sim) {
    this.sim = sim;
  }

  Response request(HttpMethod method, String pathOrUrl, String authorization, String formBody) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : sim.baseUrl() + pathOrUrl;
    return http
        .headers(h -> {
          if (authorization != null) {
            h.set("Authorization", authorization);
          }
          if (formBody != null) {
            h.set("Content-Type", "application/x-www-form-urlencoded");
          }
        })
        .request(method)
        .uri(url)
        .send(formBody == null ? ByteBufFlux.fromString(Mono.empty()) : ByteBufFlux.fromString(Mono.just(formBody)))
        .responseSingle((res, buf) -> buf.asByteArray().defaultIfEmpty(new byte[0])
            .map(b -> new Response(res.status().code(), res.responseHeaders(), b)))
        .block(TIMEOUT);
  }

  String basic() {
    SimulatorCredentials c = sim.credentials();
    return "Basic " + Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
  }

  Response tokenRequest(String form) {
    return request(HttpMethod.POST, "/restapi/oauth/token", basic(), form);
  }

  TokenResponse login() {
    Response r = tokenRequest("grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion="
        + enc(sim.credentials().jwt()));
    if (r.status() != 200) {
      throw new AssertionError("login failed: " + r.status() + " " + r.text());
    }
    return codec.decodeTokenResponse(r.body());
  }

  Response refresh(String refreshToken) {
    return tokenRequest("grant_type=refresh_token&refresh_token=" + enc(refreshToken));
  }

  /** A request with a JSON body ({@code PUT} of call-queue presence …), authorised with the access token. */
  Response sendJson(HttpMethod method, String path, String accessToken, String json) {
    String url = path.startsWith("http") ? path : sim.baseUrl() + path;
    return http
        .headers(h -> {
          h.set("Authorization", "Bearer " + accessToken);
          h.set("Content-Type", "application/json");
        })
        .request(method)
        .uri(url)
        .send(ByteBufFlux.fromString(Mono.just(json)))
        .responseSingle((res, buf) -> buf.asByteArray().defaultIfEmpty(new byte[0])
            .map(b -> new Response(res.status().code(), res.responseHeaders(), b)))
        .block(TIMEOUT);
  }

  Response get(String path, String accessToken) {
    return request(HttpMethod.GET, path, accessToken == null ? null : "Bearer " + accessToken, null);
  }

  WsTokenResponse wsToken(String accessToken) {
    Response r = request(HttpMethod.POST, "/restapi/oauth/wstoken", "Bearer " + accessToken, "");
    if (r.status() != 200) {
      throw new AssertionError("wstoken failed: " + r.status() + " " + r.text());
    }
    return codec.decodeWsTokenResponse(r.body());
  }

  /** Logs in, gets a ws token and connects; the first frame (ConnectionDetails) is left in the probe. */
  WsProbe connect() {
    return connect(login().accessToken(), null);
  }

  WsProbe connect(String accessToken, String wsc) {
    WsTokenResponse ws = wsToken(accessToken);
    return WsProbe.connect(ws.uri() + "?access_token=" + enc(ws.wsAccessToken()) + (wsc == null ? "" : "&wsc=" + enc(wsc)));
  }

  /** Sends a subscription request and returns the reply frame (skipping notifications). */
  Frame subscribe(WsProbe probe, List<String> filters) {
    String id = UUID.randomUUID().toString();
    probe.send(codec.encodeFrameText(FrameHeader.clientRequest(id, "POST", "/restapi/v1.0/subscription"),
        SubscriptionRequest.webSocket(filters)));
    return reply(probe, id);
  }

  Frame reply(WsProbe probe, String messageId) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      Frame f = probe.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (f.type() == FrameType.CLIENT_REQUEST && messageId.equals(f.header().messageId())) {
        return f;
      }
    }
  }

  /** Subscribes to detailed presence of every simulated extension. */
  Frame subscribeAll(WsProbe probe) {
    return subscribe(probe, sim.directory().stream()
        .map(e -> "/restapi/v1.0/account/~/extension/" + e.extensionId() + "/presence" + PRESENCE_FLAGS).toList());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
