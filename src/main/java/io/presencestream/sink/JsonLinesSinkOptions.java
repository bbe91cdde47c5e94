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

  /**
   * Validates the options.
   *
   * @param name the sink's name, not blank
   * @param file the file, or {@code null} for standard output
   * @param append whether to append to an existing file
   * @param queueCapacity events that may wait, at least 1
   * @param overflow the policy for a full queue
   * @throws IllegalArgumentException for a blank name or a capacity below 1
   * @throws NullPointerException if {@code name} or {@code overflow} is null
   */
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

  /** {@return standard output, named {@code stdout}, with a queue of 10 000 dropping the newest on overflow} */
  public static JsonLinesSinkOptions stdout() {
    return new JsonLinesSinkOptions("stdout", null, true, 10_000, QueueOverflow.DROP_NEWEST);
  }

  /**
   * A file, appended to, with a queue of 10 000 dropping the newest on overflow; named {@code jsonl}.
   *
   * @param file the file; created when missing
   * @return the options
   * @throws NullPointerException if {@code file} is null
   */
  public static JsonLinesSinkOptions file(Path file) {
    return new JsonLinesSinkOptions("jsonl", Objects.requireNonNull(file, "file"), true, 10_000, QueueOverflow.DROP_NEWEST);
  }

  /**
   * A copy with another name, e.g. to tell two JSON-lines sinks apart.
   *
   * @param name the name in metrics and readiness, not blank
   * @return a validated copy; this record stays as it is
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public JsonLinesSinkOptions withName(String name) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /**
   * A copy that appends to or truncates an existing file.
   *
   * @param append true to append, false to truncate the file when the sink opens it
   * @return a copy; this record stays as it is
   */
  public JsonLinesSinkOptions withAppend(boolean append) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /**
   * A copy with another queue capacity.
   *
   * @param queueCapacity events that may wait to be written, at least 1
   * @return a validated copy; this record stays as it is
   * @throws IllegalArgumentException if {@code queueCapacity} is below 1
   */
  public JsonLinesSinkOptions withQueueCapacity(int queueCapacity) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }

  /**
   * A copy with another overflow policy.
   *
   * @param overflow what happens to an event when the queue is full
   * @return a copy; this record stays as it is
   * @throws NullPointerException if {@code overflow} is null
   */
  public JsonLinesSinkOptions withOverflow(QueueOverflow overflow) {
    return new JsonLinesSinkOptions(name, file, append, queueCapacity, overflow);
  }
}
