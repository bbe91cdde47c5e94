package io.presencestream.codec;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.presencestream.codec.ParserValues.Problems;
import io.presencestream.model.Direction;
import io.presencestream.model.DndStatus;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.model.TerminationType;
import io.presencestream.model.UserStatus;
import io.presencestream.testing.Gen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link EnumLabelReader} reads exactly what {@code E.parse(ParserValues.string(…))} reads, without creating a String. */
class EnumLabelReaderProperties {

  private static final JsonFactory JSON = new JsonFactory();
  private static final EnumLabelReader<TelephonyStatus> TELEPHONY =
      new EnumLabelReader<>(TelephonyStatus.values(), TelephonyStatus.UNKNOWN);
  private static final EnumLabelReader<DndStatus> DND = new EnumLabelReader<>(DndStatus.values(), DndStatus.UNKNOWN);
  private static final EnumLabelReader<UserStatus> USER = new EnumLabelReader<>(UserStatus.values(), UserStatus.UNKNOWN);
  private static final EnumLabelReader<Direction> DIRECTION = new EnumLabelReader<>(Direction.values(), Direction.UNKNOWN);
  private static final EnumLabelReader<TerminationType> TERMINATION =
      new EnumLabelReader<>(TerminationType.values(), TerminationType.UNKNOWN);

  @Test
  void readsTheSameConstantAsParsingTheString() {
    forAll(values()).tries(2000).check(json -> {
      assertSame(json, TELEPHONY, TelephonyStatus::parse);
      assertSame(json, DND, DndStatus::parse);
      assertSame(json, USER, UserStatus::parse);
      assertSame(json, DIRECTION, Direction::parse);
      assertSame(json, TERMINATION, TerminationType::parse);
    });
  }

  private static <E extends Enum<E> & io.presencestream.model.Labeled> void assertSame(
      String json, EnumLabelReader<E> words, java.util.function.Function<String, E> parse) throws IOException {
    // the value as the last member of an object, both over bytes (the hot path) and over text
    byte[] document = ("{\"a\":1,\"w\":" + json + "}").getBytes(StandardCharsets.UTF_8);
    Problems expectedProblems = new Problems();
    Problems actualProblems = new Problems();
    E expected;
    E actual;
    try (JsonParser p = JSON.createParser(document)) {
      JsonToken t = positionOnValue(p);
      expected = parse.apply(ParserValues.string(p, t, expectedProblems, "w"));
    }
    try (JsonParser p = JSON.createParser(document)) {
      JsonToken t = positionOnValue(p);
      actual = words.read(p, t, actualProblems, "w");
      assertThat(p.nextToken()).isEqualTo(JsonToken.END_OBJECT); // left where ParserValues.string leaves it
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actualProblems.first()).isEqualTo(expectedProblems.first());
    try (JsonParser p = JSON.createParser(new String(document, StandardCharsets.UTF_8))) {
      JsonToken t = positionOnValue(p);
      assertThat(words.read(p, t, new Problems(), "w")).isEqualTo(expected);
    }
  }

  private static JsonToken positionOnValue(JsonParser p) throws IOException {
    p.nextToken();
    p.nextFieldName();
    p.nextToken();
    p.nextFieldName();
    return p.nextToken();
  }

  private static Gen<String> values() {
    Gen<String> labels = Gen.of(Arrays.stream(new io.presencestream.model.Labeled[][] {
            TelephonyStatus.values(), DndStatus.values(), UserStatus.values(), Direction.values(),
            TerminationType.values()})
        .flatMap(Arrays::stream).map(io.presencestream.model.Labeled::label).toArray(String[]::new));
    Gen<String> nearMisses = labels.flatMap(l -> Gen.of(
        l.toLowerCase(), l.toUpperCase(), l + " ", " " + l, l.substring(0, l.length() - 1), l + "x", ""));
    Gen<String> anyText = Gen.strings(Gen.anyChar(), 0, 20);
    Gen<String> quoted = Gen.oneOf(labels, labels, nearMisses, anyText).map(EnumLabelReaderProperties::quote);
    // escapes that decode to a label: the match is on the decoded text
    Gen<String> escaped = labels.map(l -> "\"\\u" + String.format("%04x", (int) l.charAt(0)) + l.substring(1) + "\"");
    Gen<String> notStrings = Gen.of("null", "1", "1.5", "true", "{}", "{\"x\":[1,{}]}", "[\"CallConnected\"]");
    return Gen.oneOf(quoted, quoted, escaped, notStrings);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
