package io.presencestream.codec;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.presencestream.model.PresenceUpdate;
import io.presencestream.testing.Gen;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What holds for every input, not just the samples. Tries are modest so the suite stays fast. */
class PresenceCodecProperties {

  private final PresenceCodec codec = PresenceCodec.create();

  // ---------------------------------------------------------------- never anything but DecodeException

  @Test
  void decodingArbitraryBytesThrowsNothingButDecodeException() {
    forAll(anyBytes()).tries(300).check(this::assertOnlyDecodeException);
  }

  @Test
  void decodingMutatedSamplesThrowsNothingButDecodeException() {
    forAll(mutatedSamples()).tries(300).check(this::assertOnlyDecodeException);
  }

  @Test
  void decodingMutatedEventsThrowsNothingButDecodeException() {
    forAll(mutatedEvents()).tries(200).check(this::assertOnlyDecodeException);
  }

  private void assertOnlyDecodeException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<Runnable> decoders =
        List.of(
            () -> codec.decodeMessage(input),
            () -> codec.decodeMessage(text),
            () -> codec.decodeExtensionPresence(input),
            () -> codec.decodeAccountPresencePage(input),
            () -> codec.decodeEvent(text),
            () -> codec.decodeEvent(input),
            () -> codec.decodeState(text));
    for (Runnable decode : decoders) {
      Throwable thrown = catchThrowable(decode::run);
      if (thrown != null) {
        assertThat(thrown).isExactlyInstanceOf(DecodeException.class);
        assertThat(((DecodeException) thrown).reason()).isNotNull();
        assertThat(thrown.getMessage()).hasSizeLessThan(600);
        assertThat(thrown.getMessage().chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
      }
    }
  }

  private static Gen<byte[]> anyBytes() {
    return Gen.oneOf(
        Gen.bytes(300),
        Gen.strings("{}[]\":,0123456789.-+eEtrufalsn \\u", 0, 200).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  private static Gen<byte[]> mutatedSamples() {
    List<byte[]> samples = Samples.all().stream().map(Samples::bytes).collect(java.util.stream.Collectors.toList());
    return mutations(Gen.of(samples));
  }

  private Gen<byte[]> mutatedEvents() {
    Gen<byte[]> documents =
        Gen.oneOf(
            ModelGenerators.event().map(e -> codec.encodeEvent(e).getBytes(StandardCharsets.UTF_8)),
            ModelGenerators.state().map(s -> codec.encodeState(s).getBytes(StandardCharsets.UTF_8)),
            ModelGenerators.notification().map(codec::encodeNotification));
    return mutations(documents);
  }

  /** A document with one to three local damages: a byte replaced, a range cut, duplicated or truncated. */
  private static Gen<byte[]> mutations(Gen<byte[]> documents) {
    Gen<Integer> kind = Gen.ints(0, 4);
    Gen<Integer> at = Gen.ints(0, Integer.MAX_VALUE);
    Gen<Integer> len = Gen.ints(0, 40);
    Gen<Byte> damage = Gen.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) '"', (byte) ',', (byte) ':', (byte) '0',
        (byte) '\\', (byte) 0xff, (byte) 0xc3, (byte) 'n');
    Gen<Integer> edits = Gen.ints(1, 3);
    return r -> {
      byte[] d = documents.next(r);
      for (int e = edits.next(r); e > 0; e--) {
        d = mutate(d, kind.next(r), at.next(r), len.next(r), damage.next(r));
      }
      return d;
    };
  }

  private static byte[] mutate(byte[] d, int kind, int at, int len, byte b) {
    if (d.length == 0) {
      return new byte[] {b};
    }
    int i = at % d.length;
    int n = Math.min(len, d.length - i);
    switch (kind) {
      case 0: {
        byte[] c = d.clone();
        c[i] = b;
        return c;
      }
      case 1: {
        byte[] c = new byte[d.length - n];
        System.arraycopy(d, 0, c, 0, i);
        System.arraycopy(d, i + n, c, i, d.length - i - n);
        return c;
      }
      case 2: {
        byte[] c = new byte[d.length + n];
        System.arraycopy(d, 0, c, 0, i + n);
        System.arraycopy(d, i, c, i + n, d.length - i);
        return c;
      }
      case 3:
        return Arrays.copyOf(d, i);
      default: {
        byte[] c = new byte[d.length + 1];
        System.arraycopy(d, 0, c, 0, i);
        c[i] = b;
        System.arraycopy(d, i, c, i + 1, d.length - i);
        return c;
      }
    }
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void anEncodedNotificationDecodesToItself() {
    forAll(ModelGenerators.notification()).tries(300).check(n -> {
      byte[] wire = codec.encodeNotification(n);

      assertThat(codec.decodeMessage(wire)).isEqualTo(n);
      assertThat(codec.decodeMessage(new String(wire, StandardCharsets.UTF_8))).isEqualTo(n);
    });
  }

  @Test
  void anEncodedNotificationInAServerNotificationFrameDecodesToItself() {
    forAll(ModelGenerators.notification()).tries(100).check(n -> {
      String frame =
          "[{\"type\":\"ServerNotification\",\"messageId\":\"1\",\"status\":200,\"headers\":{}},"
              + new String(codec.encodeNotification(n), StandardCharsets.UTF_8)
              + "]";

      assertThat(codec.decodeMessage(frame)).isEqualTo(n);
    });
  }

  @Test
  void anEncodedExtensionPresenceDecodesToItselfWithoutSequenceAndTotal() {
    forAll(ModelGenerators.presenceUpdate()).tries(200).check(p -> {
      PresenceUpdate rest =
          new PresenceUpdate(
              p.extensionId(), null, p.userStatus(), p.dndStatus(), p.presenceStatus(), p.telephonyStatus(),
              p.meetingStatus(), p.message(), null, p.activeCalls());

      assertThat(codec.decodeExtensionPresence(codec.encodeExtensionPresence(p))).isEqualTo(rest);
    });
  }

  @Test
  void anEncodedEventDecodesToItself() {
    forAll(ModelGenerators.event()).tries(300).check(e -> {
      String json = codec.encodeEvent(e);

      assertThat(codec.decodeEvent(json)).isEqualTo(e);
      assertThat(codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
      assertThat(json).doesNotContain("\n");
    });
  }

  @Test
  void anEncodedStateDecodesToItself() {
    forAll(ModelGenerators.state()).tries(200).check(s -> assertThat(codec.decodeState(codec.encodeState(s))).isEqualTo(s));
  }
}
