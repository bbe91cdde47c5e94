package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSinkOptionsTest {

  private static final URI HOOK = URI.create("https://hooks.example.org/presence");

  @Test
  void theBuilderStartsFromTheDefaultsOfOf() {
    WebhookSinkOptions options = WebhookSinkOptions.builder(HOOK).build();

    assertThat(options).isEqualTo(WebhookSinkOptions.of(HOOK));
    assertThat(options).isEqualTo(new WebhookSinkOptions(
        "webhook",
        List.of(HOOK),
        1,
        5,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        10_000,
        QueueOverflow.DROP_OLDEST,
        null,
        Map.of(),
        Duration.ofSeconds(10),
        WebhookFormat.JSON,
        java.util.Set.of()));
  }

  @Test
  void everyBuilderMethodSetsItsOption() {
    assertThat(everyOptionChanged()).isEqualTo(new WebhookSinkOptions(
        "hooks",
        List.of(URI.create("http://a.example/x"), URI.create("http://b.example/y")),
        20,
        3,
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        Duration.ofSeconds(4),
        7,
        QueueOverflow.DROP_NEWEST,
        Path.of("dead.jsonl"),
        Map.of("Authorization", "Bearer t"),
        Duration.ofSeconds(1),
        WebhookFormat.JSON,
        java.util.Set.of(io.presencestream.model.EventKind.PRESENCE)));
  }

  @Test
  void mutateStartsFromTheOptionsItIsCalledOn() {
    WebhookSinkOptions options = everyOptionChanged();

    assertThat(options.mutate().build()).isEqualTo(options);
    WebhookSinkOptions bigger = options.mutate().batchSize(100).deadLetterFile(null).build();
    assertThat(bigger.batchSize()).isEqualTo(100);
    assertThat(bigger.deadLetterFile()).isNull();
    assertThat(bigger).usingRecursiveComparison().ignoringFields("batchSize", "deadLetterFile").isEqualTo(options);
    assertThat(options.batchSize()).as("the original is untouched").isEqualTo(20);
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid(b -> b.name(" "), IllegalArgumentException.class, "name must not be blank"),
        invalid(b -> b.name(null), NullPointerException.class, "name must not be null"),
        invalid(b -> b.urls(List.of()), IllegalArgumentException.class, "urls must hold at least one URL"),
        invalid(b -> b.urls(null), NullPointerException.class, "urls must not be null"),
        invalid(b -> b.urls(Arrays.asList(HOOK, null)), IllegalArgumentException.class,
            "urls must not contain null"),
        invalid(b -> b.urls(List.of(URI.create("ftp://user:pw@files.example/x?key=k"))),
            IllegalArgumentException.class, "urls must be absolute http(s) URLs, was ftp://files.example/x"),
        invalid(b -> b.batchSize(0), IllegalArgumentException.class, "batchSize must be at least 1, was 0"),
        invalid(b -> b.maxAttempts(0), IllegalArgumentException.class, "maxAttempts must be at least 1, was 0"),
        invalid(b -> b.initialBackoff(Duration.ZERO), IllegalArgumentException.class,
            "initialBackoff must be positive, was PT0S"),
        invalid(b -> b.maxBackoff(null), NullPointerException.class, "maxBackoff must not be null"),
        invalid(b -> b.requestTimeout(Duration.ofSeconds(-1)), IllegalArgumentException.class,
            "requestTimeout must be positive, was PT-1S"),
        invalid(b -> b.closeTimeout(Duration.ZERO), IllegalArgumentException.class,
            "closeTimeout must be positive, was PT0S"),
        invalid(b -> b.queueCapacity(0), IllegalArgumentException.class, "queueCapacity must be at least 1, was 0"),
        invalid(b -> b.overflow(null), NullPointerException.class, "overflow must not be null"),
        invalid(b -> b.headers(null), NullPointerException.class, "headers must not be null (Map.of() for none)"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidOptions")
  void buildRejectsAnOptionOutOfRangeNamingIt(
      UnaryOperator<WebhookSinkOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    WebhookSinkOptions.Builder builder = change.apply(WebhookSinkOptions.builder(HOOK));

    assertThatThrownBy(builder::build).isInstanceOf(type).hasMessage(message);
  }

  private static WebhookSinkOptions everyOptionChanged() {
    return WebhookSinkOptions.builder(HOOK)
        .name("hooks")
        .urls(List.of(URI.create("http://a.example/x"), URI.create("http://b.example/y")))
        .batchSize(20)
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(50))
        .maxBackoff(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(4))
        .queueCapacity(7)
        .overflow(QueueOverflow.DROP_NEWEST)
        .deadLetterFile(Path.of("dead.jsonl"))
        .headers(Map.of("Authorization", "Bearer t"))
        .closeTimeout(Duration.ofSeconds(1))
        .kinds(java.util.Set.of(io.presencestream.model.EventKind.PRESENCE))
        .build();
  }

  private static Arguments invalid(
      UnaryOperator<WebhookSinkOptions.Builder> change, Class<? extends RuntimeException> type, String message) {
    return Arguments.of(change, type, message);
  }
}
