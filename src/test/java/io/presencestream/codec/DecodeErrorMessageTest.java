package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages of {@link DecodeException} get logged: they must be short, one line, and free of secrets. */
class DecodeErrorMessageTest {

  private final PresenceCodec codec = PresenceCodec.create();

  private DecodeException failure(Runnable decode) {
    try {
      decode.run();
    } catch (DecodeException e) {
      return e;
    }
    throw new AssertionError("expected a DecodeException");
  }

  @Test
  void hidesTheWebSocketSessionTokenOfAConnectionDetailsFrame() {
    String frame =
        "[{\"type\":\"ConnectionDetails\",\"messageId\":\"m\",\"status\":200,\"wsc\":{\"token\":\"RTFhRG5nfE9qc0ZtMGtLTkhSTFdLMlVMNzRCZlM0RS1USWtEOVBx\",\"sequence\":1}},{}]";

    DecodeException e = failure(() -> codec.decodeMessage(frame));

    assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_PRESENCE);
    assertThat(e.getMessage()).contains("ConnectionDetails").contains("\\\"token\\\":\\\"***\\\"").doesNotContain("RTFhRG5n");
  }

  @Test
  void hidesOAuthTokensEvenWhenTheExcerptCutsThemOff() {
    DecodeException e = failure(() -> codec.decodeMessage(Samples.bytes("apidocs_oauth_token_response.json")));

    assertThat(e.getMessage()).doesNotContain("U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMsVLEn");
    assertThat(e.getMessage()).doesNotContain("U1BCMDFUMDRKV1MwMXxzLFL4ec6A0XMsUv9wLriecyxS_w");

    String cut = "{\"client_secret\":\"" + "s".repeat(500) + "\"}";
    assertThat(failure(() -> codec.decodeMessage(cut)).getMessage()).doesNotContain("sss");
  }

  @Test
  void hidesTheWsAccessTokenOfATokenResponse() {
    DecodeException e = failure(() -> codec.decodeMessage(Samples.bytes("widgets_ws_wstoken_response.json")));

    assertThat(e.getMessage()).doesNotContain("c2pjMDFwMDFwYXN8");
  }

  @Test
  void keepsTheMessageOnOneLineAndShortWhateverJacksonQuotes() {
    String longToken = "[" + "x".repeat(3000) + "]";

    DecodeException e = failure(() -> codec.decodeMessage(longToken));

    assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_JSON);
    assertThat(e.getMessage()).hasSizeLessThan(450).doesNotContain("x".repeat(121)).doesNotContain("\n");
  }

  @Test
  void saysWhereTheInputWentWrong() {
    DecodeException e = failure(() -> codec.decodeMessage("{\n  \"event\": \"/a/presence\",\n  \"body\": {\"extensionId\": 1,, }\n}"));

    assertThat(e.reason()).isEqualTo(DecodeException.Reason.NOT_JSON);
    assertThat(e.getMessage()).startsWith("NOT_JSON: ").contains("line 3");
  }

  @Test
  void namesTheFieldOfTheWrongShape() {
    String json = "{\"event\":\"/restapi/v1.0/account/~/extension/5/presence\",\"body\":{\"extensionId\":5,\"sequence\":{\"n\":1}}}";

    DecodeException e = failure(() -> codec.decodeMessage(json));

    assertThat(e.reason()).isEqualTo(DecodeException.Reason.WRONG_SHAPE);
    assertThat(e.getMessage()).contains("sequence is an object, expected a whole number");
  }
}
