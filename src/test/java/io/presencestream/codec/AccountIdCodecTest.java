package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code accountId} on events and states: written right after {@code extensionId} when known, absent when
 * not (one account served the classic way, records of older writers), read back either way.
 */
class AccountIdCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

  private static final String PRESENCE_WITHOUT_ACCOUNT = "{\"kind\":\"presence\",\"extensionId\":\"101\","
      + "\"at\":\"2026-11-26T10:00:00.300Z\",\"presence\":{\"status\":\"Available\",\"userStatus\":\"Available\","
      + "\"dndStatus\":\"TakeAllCalls\",\"presenceStatus\":\"Available\",\"telephonyStatus\":\"NoCall\","
      + "\"meetingStatus\":null,\"message\":null},\"previous\":null}";
  private static final String STATE_WITHOUT_ACCOUNT = "{\"extensionId\":\"101\",\"sequence\":7,"
      + "\"presence\":{\"status\":\"Available\",\"userStatus\":\"Available\",\"dndStatus\":\"TakeAllCalls\","
      + "\"presenceStatus\":\"Available\",\"telephonyStatus\":\"NoCall\",\"meetingStatus\":null,\"message\":null},"
      + "\"calls\":[],\"updatedAt\":\"2026-11-26T10:00:00.300Z\"}";

  private final PresenceCodec codec = PresenceCodec.create();

  private static String withAccount(String json, String account) {
    return json.replaceFirst("\"extensionId\":\"101\",", "\"extensionId\":\"101\",\"accountId\":\"" + account + "\",");
  }

  @Test
  void anEventOfAnOlderWriterHasNoAccountAndIsWrittenBackWithoutOne() {
    PresenceEvent event = codec.decodeEvent(PRESENCE_WITHOUT_ACCOUNT);

    assertThat(event.accountId()).isNull();
    assertThat(codec.encodeEvent(event)).isEqualTo(PRESENCE_WITHOUT_ACCOUNT);
  }

  @Test
  void anEventWithItsAccountKeepsItBothWays() {
    String json = withAccount(PRESENCE_WITHOUT_ACCOUNT, "37439510");

    PresenceEvent event = codec.decodeEvent(json);

    assertThat(event.accountId()).isEqualTo("37439510");
    assertThat(codec.encodeEvent(event)).isEqualTo(json);
  }

  @Test
  void aNumericAccountIdReadsAsItsDigits() {
    String json = PRESENCE_WITHOUT_ACCOUNT.replace("\"extensionId\":\"101\",", "\"extensionId\":\"101\",\"accountId\":37439510,");

    assertThat(codec.decodeEvent(json).accountId()).isEqualTo("37439510");
  }

  @Test
  void anAccountIdThatIsNoRingCentralIdIsATypedDecodeError() {
    assertThatThrownBy(() -> codec.decodeEvent(withAccount(PRESENCE_WITHOUT_ACCOUNT, "a b")))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("accountId");
    assertThatThrownBy(() -> codec.decodeState(withAccount(STATE_WITHOUT_ACCOUNT, "x".repeat(500))))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("accountId");
  }

  @Test
  void aStateCarriesItsAccountWhenKnownAndNothingWhenNot() {
    ExtensionState old = codec.decodeState(STATE_WITHOUT_ACCOUNT);
    assertThat(old.accountId()).isNull();
    assertThat(codec.encodeState(old)).isEqualTo(STATE_WITHOUT_ACCOUNT);

    ExtensionState stamped = old.withAccountId("400500");
    assertThat(codec.encodeState(stamped)).isEqualTo(withAccount(STATE_WITHOUT_ACCOUNT, "400500"));
    assertThat(codec.decodeState(codec.encodeState(stamped))).isEqualTo(stamped);
  }

  @Test
  void theAccountsIdIsReadFromTheAnswerOfGetAccountAsRingCentralAndTheSimulatorWriteIt() {
    ProtocolCodec protocol = ProtocolCodec.create(1 << 20);

    assertThat(protocol.decodeAccountId(RestJson.account("http://sim/restapi/v1.0/account/37439510", 37439510, "Confirmed")))
        .isEqualTo("37439510");
    assertThat(protocol.decodeAccountId("{\"uri\":\"…\",\"id\":\"400100\",\"serviceInfo\":{\"brand\":{}}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("400100");
    assertThatThrownBy(() -> protocol.decodeAccountId("{\"status\":\"Confirmed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class).hasMessageContaining("an account without id");
    assertThatThrownBy(() -> protocol.decodeAccountId("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void theReadmeExamplesOfSeveralAccountsDecodeAndAreExactlyWhatTheEncoderWrites() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- section: accounts -->");
    int end = readme.indexOf("<!-- /section: accounts -->");
    assertThat(start).as("accounts section start").isNotNegative();
    assertThat(end).as("accounts section end").isGreaterThan(start);
    Matcher m = JSON_BLOCK.matcher(readme.substring(start, end));
    List<String> accounts = new ArrayList<>();
    while (m.find()) {
      JsonNode tree = JSON.readTree(m.group(1));
      String compact = JSON.writeValueAsString(tree);
      if (tree.has("kind")) {
        PresenceEvent event = codec.decodeEvent(compact);
        accounts.add(event.accountId());
        assertThat(codec.encodeEvent(event)).isEqualTo(compact);
      } else {
        ExtensionState state = codec.decodeState(compact);
        accounts.add(state.accountId());
        assertThat(codec.encodeState(state)).isEqualTo(compact);
      }
    }
    assertThat(accounts).hasSizeGreaterThanOrEqualTo(2).doesNotContainNull();
  }
}
