package io.presencestream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one JSON document to a byte array through a generator, for the codecs' encoders. The generator
 * writes to memory, so an {@link IOException} can only be a bug in a writer (e.g. a value written outside
 * an object): it surfaces unchecked rather than as a checked exception every encoder would declare.
 */
final class JsonBytes {

  /** Writes a whole document to the generator it is given. */
  @FunctionalInterface
  interface DocumentWriter {
    void write(JsonGenerator generator) throws IOException;
  }

  private JsonBytes() {}

  /** The UTF-8 bytes {@code writer} produces with a generator from {@code factory}. */
  static byte[] write(JsonFactory factory, int expectedSize, DocumentWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(expectedSize);
    try (JsonGenerator g = factory.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return out.toByteArray();
  }
}
