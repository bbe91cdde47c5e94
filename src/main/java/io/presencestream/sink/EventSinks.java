package io.presencestream.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.model.PresenceEvent;
import java.util.Objects;
import java.util.function.Function;

/**
 * Creates the built-in sinks. Each takes the event encoder (normally {@code codec::encodeEvent}, so every
 * sink writes presence-stream's one event schema) and the registry for its metrics.
 *
 * <pre>{@code
 * PresenceCodec codec = PresenceCodec.create();
 * EventSink lines = EventSinks.jsonLines(JsonLinesSinkOptions.file(Path.of("events.jsonl")), codec::encodeEvent, registry);
 * EventSink hooks = EventSinks.webhook(WebhookSinkOptions.builder(URI.create("https://example.org/hook"))
 *     .deadLetterFile(Path.of("dead-letters.jsonl"))
 *     .build(), codec::encodeEvent, registry);
 * }</pre>
 */
public final class EventSinks {

  private EventSinks() {}

  /**
   * JSON lines to standard output or a file. Opens the file now.
   *
   * @param options where to write, the queue and its overflow policy
   * @param encoder turns an event into one line of JSON, normally {@code codec::encodeEvent}
   * @param registry where the sink's {@code presence.sink.*} meters are registered
   * @return the running sink; {@link EventSink#close()} it
   * @throws java.io.UncheckedIOException when the file cannot be opened for writing
   * @throws NullPointerException if an argument is null
   */
  public static EventSink jsonLines(
      JsonLinesSinkOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    return new JsonLinesSink(
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(encoder, "encoder"),
        Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Webhooks: POST to each URL with retries, backoff, a bounded queue per URL and a dead-letter file.
   *
   * @param options the URLs, batching, retries, queues and dead-letter file
   * @param encoder turns an event into JSON, normally {@code codec::encodeEvent}
   * @param registry where the sink's {@code presence.sink.*} meters are registered
   * @return the running sink; {@link EventSink#close()} it
   * @throws NullPointerException if an argument is null
   */
  public static EventSink webhook(
      WebhookSinkOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    return new WebhookSink(
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(encoder, "encoder"),
        Objects.requireNonNull(registry, "registry"));
  }
}
