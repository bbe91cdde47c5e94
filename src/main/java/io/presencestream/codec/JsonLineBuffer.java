package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.TelephonySession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * JSON lines (events, {@code replay --emit state} or {@code replay --emit sessions} lines) accumulated as
 * UTF-8 bytes, for a writer that produces many lines in a row and hands them on in large, whole-line chunks
 * ({@code replay}).
 *
 * <p>Each line is byte for byte what {@link PresenceCodec#encodeEvent}, {@link PresenceCodec#encodeReplayLine}
 * or {@link TelephonySessionCodec#encodeReplayLine} returns, followed by {@code \n}; the difference is the cost: one
 * generator for the whole stream instead of one generator, one byte array and one {@code String} per
 * line. {@link #writeTo} only ever hands on whole lines, so output cut short by a stop never ends in half
 * a line. Not thread-safe: one writer owns it.
 *
 * <pre>{@code
 * JsonLineBuffer lines = codec.newLineBuffer();
 * for (PresenceEvent e : outcome.events()) {
 *   lines.event(e);
 * }
 * if (lines.size() >= 64 * 1024) {
 *   lines.writeTo(stdout);
 * }
 * }</pre>
 */
public final class JsonLineBuffer {

  /** A byte sink whose array is handed on as is, without the copy and the locks of ByteArrayOutputStream. */
  private static final class Bytes extends OutputStream {
    byte[] buf = new byte[1 << 16];
    int count;

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }
  }

  private final Bytes bytes = new Bytes();
  private final JsonGenerator generator;

  JsonLineBuffer(JsonFactory factory) {
    try {
      this.generator = factory.createGenerator(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: a generator over memory", e);
    }
    // lines are separated by the \n written after each, not by the generator's default space
    generator.setRootValueSeparator(null);
  }

  /**
   * Appends one event in the event schema, as {@link PresenceCodec#encodeEvent} writes it, and a line break.
   *
   * @param event the event to write, never null
   * @throws NullPointerException if {@code event} is null
   */
  public void event(PresenceEvent event) {
    Objects.requireNonNull(event, "event");
    try {
      EventJson.writeEvent(generator, event);
      generator.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }

  /**
   * Appends one {@code replay --emit state} line, as {@link PresenceCodec#encodeReplayLine} writes it, and a
   * line break.
   *
   * @param index the notification's position in the replayed input, from 0
   * @param applied whether the engine applied the notification
   * @param dropReason why the notification was not applied (a lowercase word), null if it was
   * @param state the extension's state after the notification, never null
   * @throws NullPointerException if {@code state} is null
   */
  public void replayLine(int index, boolean applied, String dropReason, ExtensionState state) {
    Objects.requireNonNull(state, "state");
    try {
      EventJson.writeReplayLine(generator, index, applied, dropReason, state);
      generator.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }

  /**
   * Appends one {@code replay --emit sessions} line, as {@link TelephonySessionCodec#encodeReplayLine} writes
   * it, and a line break.
   *
   * @param index the line's position in the replayed input, from 0
   * @param ownerId the extension whose view this is, or null
   * @param telephonySessionId the session the notification is about
   * @param applied whether the tracker applied the notification for the owner
   * @param dropReason why it was not applied (a lowercase word), null if it was
   * @param session the owner's view of the session after the line, or null
   */
  public void sessionLine(int index, String ownerId, String telephonySessionId, boolean applied, String dropReason,
      TelephonySession session) {
    try {
      SessionReplayJson.writeLine(generator, index, ownerId, telephonySessionId, applied, dropReason, session);
      generator.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }

  /**
   * Appends one {@code replay --emit sessions} line for an input line that did not decode, as
   * {@link TelephonySessionCodec#encodeReplayError} writes it, and a line break.
   *
   * @param index the line's position in the replayed input, from 0
   * @param error why the line did not decode, never null
   * @throws NullPointerException if {@code error} is null
   */
  public void sessionError(int index, DecodeException error) {
    Objects.requireNonNull(error, "error");
    try {
      SessionReplayJson.writeError(generator, index, error);
      generator.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
  }

  /**
   * How much is held, for deciding when to {@link #writeTo} (e.g. at 64 KiB).
   *
   * @return the number of UTF-8 bytes held, whole lines only; 0 after {@link #writeTo}
   */
  public int size() {
    return bytes.count + generator.getOutputBuffered();
  }

  /**
   * Writes every line held to {@code out} in one call and empties the buffer; nothing when empty. Does not
   * flush {@code out}.
   *
   * @param out where the lines go, e.g. a buffered stdout
   * @throws IOException if {@code out} fails; the lines stay held (a later call offers them again, even
   *     if {@code out} had taken part of them)
   */
  public void writeTo(OutputStream out) throws IOException {
    generator.flush(); // the generator's own buffer into ours; Bytes.flush() does nothing
    if (bytes.count > 0) {
      out.write(bytes.buf, 0, bytes.count);
      bytes.count = 0;
    }
  }
}
