package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerOptionsTest {

  @Test
  void theBuilderStartsFromTheDefaults() {
    ServerOptions defaults = ServerOptions.defaults();

    assertThat(ServerOptions.builder().build()).isEqualTo(defaults);
    assertThat(defaults.host()).isEqualTo("127.0.0.1");
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.bearerToken()).isNull();
    assertThat(defaults.corsOrigins()).isEmpty();
    assertThat(defaults.maxRequestBytes()).isEqualTo(16 * 1024);
    assertThat(defaults.maxConnections()).isEqualTo(256);
    assertThat(defaults.maxConnectionsPerAddress()).isEqualTo(64);
    assertThat(defaults.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.historySize()).isEqualTo(1000);
    assertThat(defaults.clientBufferSize()).isEqualTo(256);
    assertThat(defaults.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(defaults.retryInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(defaults.staticRoot()).isEqualTo("wallboard");
    assertThat(defaults.coalesceInterval()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void everyBuilderMethodSetsItsOption() {
    ServerOptions options = everyOptionChanged();

    assertThat(options).isEqualTo(new ServerOptions(
        "0.0.0.0",
        9090,
        "t0k",
        List.of("https://wall.example.org", "*"),
        2048,
        10,
        5,
        8,
        OverflowPolicy.DISCONNECT,
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        "static-test",
        Duration.ofSeconds(2),
        3,
        Duration.ofMillis(7)));
  }

  @Test
  void mutateStartsFromTheOptionsItIsCalledOn() {
    ServerOptions options = everyOptionChanged();

    assertThat(options.mutate().build()).isEqualTo(options);
    ServerOptions open = options.mutate().bearerToken(null).port(0).build();
    assertThat(open.bearerToken()).isNull();
    assertThat(open.port()).isZero();
    assertThat(open).usingRecursiveComparison().ignoringFields("bearerToken", "port").isEqualTo(options);
    assertThat(options.bearerToken()).as("the original is untouched").isEqualTo("t0k");
  }

  @Test
  void theBuiltOptionsDoNotSeeLaterChangesToTheBuilderOrTheOriginList() {
    List<String> origins = new ArrayList<>(List.of("https://a.example"));
    ServerOptions.Builder builder = ServerOptions.builder().corsOrigins(origins);
    ServerOptions options = builder.build();

    origins.add("https://b.example");
    builder.port(1);

    assertThat(options.corsOrigins()).containsExactly("https://a.example");
    assertThat(options.port()).isEqualTo(8080);
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid(b -> b.host(" "), IllegalArgumentException.class, "host must not be blank"),
        invalid(b -> b.host(null), NullPointerException.class, "host must not be null"),
        invalid(b -> b.port(-1), IllegalArgumentException.class, "port must be within 0..65535, was -1"),
        invalid(b -> b.port(65536), IllegalArgumentException.class, "port must be within 0..65535, was 65536"),
        invalid(b -> b.bearerToken(""), IllegalArgumentException.class,
            "bearerToken must not be blank (leave it unset to disable auth)"),
        invalid(b -> b.corsOrigins(null), NullPointerException.class,
            "corsOrigins must not be null (List.of() for none)"),
        invalid(b -> b.corsOrigins(Arrays.asList("*", null)), IllegalArgumentException.class,
            "corsOrigins must not contain null"),
        invalid(b -> b.corsOrigins(List.of("https://a.example/path")), IllegalArgumentException.class,
            "corsOrigins entries must be * or an origin like https://wall.example.org, was 'https://a.example/path'"),
        invalid(b -> b.maxRequestBytes(255), IllegalArgumentException.class,
            "maxRequestBytes must be at least 256, was 255"),
        invalid(b -> b.maxConnections(0), IllegalArgumentException.class, "maxConnections must be at least 1, was 0"),
        invalid(b -> b.maxConnectionsPerAddress(0), IllegalArgumentException.class,
            "maxConnectionsPerAddress must be at least 1, was 0"),
        invalid(b -> b.requestHeadTimeout(Duration.ZERO), IllegalArgumentException.class,
            "requestHeadTimeout must be positive, was PT0S"),
        invalid(b -> b.requestHeadTimeout(null), NullPointerException.class, "requestHeadTimeout must not be null"),
        invalid(b -> b.historySize(-1), IllegalArgumentException.class, "historySize must not be negative, was -1"),
        invalid(b -> b.clientBufferSize(0), IllegalArgumentException.class,
            "clientBufferSize must be at least 1, was 0"),
        invalid(b -> b.overflowPolicy(null), NullPointerException.class, "overflowPolicy must not be null"),
        invalid(b -> b.heartbeatInterval(Duration.ofSeconds(-1)), IllegalArgumentException.class,
            "heartbeatInterval must be positive, was PT-1S"),
        invalid(b -> b.heartbeatInterval(null), NullPointerException.class, "heartbeatInterval must not be null"),
        invalid(b -> b.retryInterval(Duration.ZERO), IllegalArgumentException.class,
            "retryInterval must be positive, was PT0S"),
        invalid(b -> b.retryInterval(null), NullPointerException.class, "retryInterval must not be null"),
        invalid(b -> b.staticRoot("../etc"), IllegalArgumentException.class,
            "staticRoot must be a classpath folder like 'wallboard', was '../etc'"),
        invalid(b -> b.staticRoot(null), NullPointerException.class, "staticRoot must not be null"),
        invalid(b -> b.coalesceInterval(Duration.ofMillis(-1)), IllegalArgumentException.class,
            "coalesceInterval must be between 0 and 1s, was PT-0.001S"),
        invalid(b -> b.coalesceInterval(Duration.ofMillis(1001)), IllegalArgumentException.class,
            "coalesceInterval must be between 0 and 1s, was PT1.001S"),
        invalid(b -> b.coalesceInterval(null), NullPointerException.class, "coalesceInterval must not be null"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidOptions")
  void buildRejectsAnOptionOutOfRangeNamingIt(
      UnaryOperator<ServerOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    ServerOptions.Builder builder = change.apply(ServerOptions.builder());

    assertThatThrownBy(builder::build).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void theTokenIsNeverShown() {
    assertThat(ServerOptions.builder().bearerToken("s3cret").build().toString())
        .doesNotContain("s3cret")
        .contains("bearerToken=***");
  }

  private static ServerOptions everyOptionChanged() {
    return ServerOptions.builder()
        .host("0.0.0.0")
        .port(9090)
        .bearerToken("t0k")
        .corsOrigins(List.of("https://wall.example.org", "*"))
        .maxRequestBytes(2048)
        .maxConnections(10)
        .maxConnectionsPerAddress(3)
        .requestHeadTimeout(Duration.ofSeconds(2))
        .historySize(5)
        .clientBufferSize(8)
        .overflowPolicy(OverflowPolicy.DISCONNECT)
        .heartbeatInterval(Duration.ofMillis(250))
        .retryInterval(Duration.ofSeconds(1))
        .coalesceInterval(Duration.ofMillis(7))
        .staticRoot("static-test")
        .build();
  }

  private static Arguments invalid(
      UnaryOperator<ServerOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    return Arguments.of(change, type, message);
  }
}
