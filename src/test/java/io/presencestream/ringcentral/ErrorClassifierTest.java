package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.ringcentral.ErrorClassifier.Origin;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  @Test
  void rejectedCredentialsArePermanentAndSayWhatToCheck() {
    RingCentralException e =
        ErrorClassifier.classify(Origin.LOGIN, "login", 400, "invalid_grant", "JWT is expired", null);

    assertThat(e).isInstanceOf(PermanentRingCentralException.class);
    assertThat(e.getMessage()).contains("client id", "JWT", "invalid_grant", "400");
  }

  @Test
  void missingPresencePermissionIsPermanent() {
    for (String code : new String[] {"SUB-402", "SUB-403", "SUB-406"}) {
      RingCentralException e = ErrorClassifier.classify(Origin.SUBSCRIPTION, "subscribe", 403, code, "nope", null);
      assertThat(e.isTransient()).isFalse();
      assertThat(e.errorCode()).isEqualTo(code);
      assertThat(e.getMessage()).contains("not allowed to watch presence");
    }
    assertThat(ErrorClassifier.classify(Origin.API, "presence read", 403, null, null, null).isTransient()).isFalse();
  }

  @Test
  void rateLimitsAreTransientAndCarryRetryAfter() {
    RingCentralException e =
        ErrorClassifier.classify(Origin.API, "presence read", 429, "CMN-301", "Request rate exceeded", Duration.ofSeconds(9));

    assertThat(e).isInstanceOfSatisfying(
        TransientRingCentralException.class,
        t -> {
          assertThat(t.isRateLimit()).isTrue();
          assertThat(t.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        });
  }

  @Test
  void serverErrorsExpiredAccessTokensAndLostSubscriptionsAreTransient() {
    assertThat(ErrorClassifier.classify(Origin.API, "read", 503, null, null, null).isTransient()).isTrue();
    assertThat(ErrorClassifier.classify(Origin.API, "read", 401, "TokenInvalid", null, null).isTransient()).isTrue();
    assertThat(ErrorClassifier.classify(Origin.SUBSCRIPTION, "update", 404, "SUB-507", null, null).isTransient())
        .isTrue();
  }

  @Test
  void readsRetryAfterInSeconds() {
    assertThat(ErrorClassifier.retryAfter("12")).isEqualTo(Duration.ofSeconds(12));
    assertThat(ErrorClassifier.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
    assertThat(ErrorClassifier.retryAfter(null)).isNull();
  }
}
