package io.presencestream.sink;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Configuration of a JSON-lines sink: one event per line (presence-stream's event schema), written
 * through a buffer that is flushed whenever the queue runs empty and on close.
 *
 * @param name the sink's name in metrics and readiness
 * @param file the file to write, or {@code null} for standard output
 * @param append whether to append to an existing file (else it is truncated)
 * @param queueCapacity how many events may wait to be written
 * @param overflow what happens to an event when the queue is full
 */
public record JsonLinesSinkOptions(
    String name, Path file, boolean append, int queueCapacity, QueueOverflow overflow) {

  public JsonLinesSinkOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(overflow, "overflow");
    if (name.isBlank()) {
      throw new IllegalArgumentException("sink name must not be blank");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
  }

  /** Standard output, queue of 10 000, dropping the newest on overflow. */
  public static JsonLinesSinkOptions stdout() {
    return new JsonLinesSinkOptions("stdout", null, true, 10_000, QueueOverflow.DROP_NEWEST);
  }

  /** A file (appended to), queue of 10 000, dropping the newest on overflow; named {@code jsonl}. */
  public static JsonLinesSinkOptions file(Path file) {
    return new JsonLinesSinkOptions("jsonl", Objects.requireNonNull(file, "file"), true, 10_000, QueueOverflow.DROP_NEWEST);
  }

  /** A validated copy with another {@link #name() name} in metrics and readiness. */
  public JsonLinesSinkOptions withName(String name) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /** A copy that appends to (or truncates) an existing file. */
  public JsonLinesSinkOptions withAppend(boolean append) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /** A validated copy with another {@link #queueCapacity() queue capacity}. */
  public JsonLinesSinkOptions withQueueCapacity(int queueCapacity) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /** A copy with another {@link #overflow() overflow policy}. */
  public JsonLinesSinkOptions withOverflow(QueueOverflow overflow) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }
}
