package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.presencestream.model.ExtensionState;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.PresenceUpdate;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for every input, not just the samples. Tries are modest so the suite stays fast. */
class PresenceCodecProperties {

  private final PresenceCodec codec = PresenceCodec.create();

  // ---------------------------------------------------------------- never anything but DecodeException

  @Property(tries = 300)
  void decodingArbitraryBytesThrowsNothingButDecodeException(@ForAll("anyBytes") byte[] input) {
    assertOnlyDecodeException(input);
  }

  @Property(tries = 300)
  void decodingMutatedSamplesThrowsNothingButDecodeException(@ForAll("mutatedSamples") byte[] input) {
    assertOnlyDecodeException(input);
  }

  @Property(tries = 200)
  void decodingMutatedEventsThrowsNothingButDecodeException(@ForAll("mutatedEvents") byte[] input) {
    assertOnlyDecodeException(input);
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

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn \\u").ofMaxLength(200).map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<byte[]> mutatedSamples() {
    List<byte[]> samples = Samples.all().stream().map(Samples::bytes).collect(java.util.stream.Collectors.toList());
    return mutations(Arbitraries.of(samples));
  }

  @Provide
  Arbitrary<byte[]> mutatedEvents() {
    Arbitrary<byte[]> documents =
        Arbitraries.oneOf(
            ModelArbitraries.event().map(e -> codec.encodeEvent(e).getBytes(StandardCharsets.UTF_8)),
            ModelArbitraries.state().map(s -> codec.encodeState(s).getBytes(StandardCharsets.UTF_8)),
            ModelArbitraries.notification().map(codec::encodeNotification));
    return mutations(documents);
  }

  /** A document with one to three local damages: a byte replaced, a range cut, duplicated or truncated. */
  private static Arbitrary<byte[]> mutations(Arbitrary<byte[]> documents) {
    Arbitrary<long[]> edits =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of((int) '{', (int) '}', (int) '[', (int) ']', (int) '"', (int) ',', (int) ':', (int) '0', (int) '\\', 0xff, 0xc3, (int) 'n'))
            .as((kind, at, len, b) -> new long[] {kind, at, len, b});
    return Combinators.combine(documents, edits.list().ofMinSize(1).ofMaxSize(3))
        .as(
            (doc, list) -> {
              byte[] d = doc;
              for (long[] e : list) {
                d = mutate(d, (int) e[0], (int) e[1], (int) e[2], (byte) e[3]);
              }
              return d;
            });
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

  @Property(tries = 300)
  void anEncodedNotificationDecodesToItself(@ForAll("notifications") Notification n) {
    byte[] wire = codec.encodeNotification(n);

    assertThat(codec.decodeMessage(wire)).isEqualTo(n);
    assertThat(codec.decodeMessage(new String(wire, StandardCharsets.UTF_8))).isEqualTo(n);
  }

  @Property(tries = 100)
  void anEncodedNotificationInAServerNotificationFrameDecodesToItself(@ForAll("notifications") Notification n) {
    String frame =
        "[{\"type\":\"ServerNotification\",\"messageId\":\"1\",\"status\":200,\"headers\":{}},"
            + new String(codec.encodeNotification(n), StandardCharsets.UTF_8)
            + "]";

    assertThat(codec.decodeMessage(frame)).isEqualTo(n);
  }

  @Property(tries = 200)
  void anEncodedExtensionPresenceDecodesToItselfWithoutSequenceAndTotal(@ForAll("presenceUpdates") PresenceUpdate p) {
    PresenceUpdate rest =
        new PresenceUpdate(
            p.extensionId(), null, p.userStatus(), p.dndStatus(), p.presenceStatus(), p.telephonyStatus(),
            p.meetingStatus(), p.message(), null, p.activeCalls());

    assertThat(codec.decodeExtensionPresence(codec.encodeExtensionPresence(p))).isEqualTo(rest);
  }

  @Property(tries = 300)
  void anEncodedEventDecodesToItself(@ForAll("events") PresenceEvent e) {
    String json = codec.encodeEvent(e);

    assertThat(codec.decodeEvent(json)).isEqualTo(e);
    assertThat(codec.decodeEvent(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(e);
    assertThat(json).doesNotContain("\n");
  }

  @Property(tries = 200)
  void anEncodedStateDecodesToItself(@ForAll("states") ExtensionState s) {
    assertThat(codec.decodeState(codec.encodeState(s))).isEqualTo(s);
  }

  @Provide
  Arbitrary<Notification> notifications() {
    return ModelArbitraries.notification();
  }

  @Provide
  Arbitrary<PresenceUpdate> presenceUpdates() {
    return ModelArbitraries.presenceUpdate();
  }

  @Provide
  Arbitrary<PresenceEvent> events() {
    return ModelArbitraries.event();
  }

  @Provide
  Arbitrary<ExtensionState> states() {
    return ModelArbitraries.state();
  }
}
