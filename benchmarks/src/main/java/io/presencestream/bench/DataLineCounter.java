package io.presencestream.bench;

import io.netty.buffer.ByteBuf;

/**
 * Counts the SSE {@code data:} lines of a stream chunk by chunk, jumping from newline to newline with
 * Netty's vectorised search instead of reading every byte: the readers share the machine with the
 * servers they measure, so they must cost little. Only {@code data:} lines start with {@code d} in
 * either server's stream. One per connection; not thread-safe (its connection's event loop calls it).
 */
final class DataLineCounter {

  /** The last byte seen, so that a line split across two chunks is counted once. */
  private byte previous = '\n';

  /** The {@code data:} lines that start in {@code chunk}. */
  int count(ByteBuf chunk) {
    int i = chunk.readerIndex();
    int end = chunk.writerIndex();
    int found = 0;
    while (i < end) {
      if (previous == '\n' && chunk.getByte(i) == 'd') {
        found++;
      }
      int newline = chunk.indexOf(i, end, (byte) '\n');
      if (newline < 0) {
        previous = chunk.getByte(end - 1);
        break;
      }
      previous = '\n';
      i = newline + 1;
    }
    return found;
  }
}
