package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksKnownSecretsRegisteredTokensAndTokenQueryParameters() {
    Redactor redactor = new Redactor(List.of("client-secret-1", "jwt-abc.def.ghi"));
    redactor.register("ACCESS-TOKEN-42");

    String text =
        redactor.redact(
            "failed ws://host/ws?access_token=WS-TOKEN-9&wsc=CTX-1 with jwt-abc.def.ghi, client-secret-1 and ACCESS-TOKEN-42");

    assertThat(text)
        .doesNotContain("WS-TOKEN-9", "CTX-1", "jwt-abc.def.ghi", "client-secret-1", "ACCESS-TOKEN-42")
        .contains("access_token=***", "wsc=***");
  }
}
