package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.ringcentral.TelephonyAccess.Mode;
import java.net.URI;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Where telephony sessions are subscribed, and how each refusal moves that one step down, never up. */
class TelephonyAccessTest {

  private static final RingCentralException ADMIN_REQUIRED = refusal("CMN-402", "Administrator permission required");
  private static final RingCentralException NO_CALL_CONTROL = refusal(
      "CMN-401", "In order to call this API endpoint, application needs to have [CallControl] permission");

  private static RingCentralException refusal(String code, String message) {
    return ErrorClassifier.classify(ErrorClassifier.Origin.SUBSCRIPTION, "subscribe", 403, code, message, null);
  }

  private static RingCentralOptions options(TelephonyScope scope, Feed... feeds) {
    return RingCentralOptions.builder(URI.create("https://platform.example"), "id", "secret", "jwt")
        .feeds(feeds.length == 0 ? EnumSet.of(Feed.PRESENCE) : EnumSet.of(Feed.PRESENCE, feeds))
        .telephonyScope(scope)
        .build();
  }

  @Test
  void startsWithoutTelephonyUnlessAskedAndAutoIsAccountLevelOnlyForTheWholeAccount() {
    assertThat(TelephonyAccess.initial(options(TelephonyScope.ACCOUNT), ExtensionSelection.allEnabledUsers()))
        .isEqualTo(Mode.NONE);
    assertThat(TelephonyAccess.initial(options(TelephonyScope.AUTO, Feed.TELEPHONY), ExtensionSelection.allEnabledUsers()))
        .isEqualTo(Mode.ACCOUNT);
    assertThat(TelephonyAccess.initial(options(TelephonyScope.AUTO, Feed.TELEPHONY), ExtensionSelection.self()))
        .isEqualTo(Mode.EXTENSIONS);
    assertThat(TelephonyAccess.initial(options(TelephonyScope.ACCOUNT, Feed.TELEPHONY), ExtensionSelection.of(java.util.List.of("1"))))
        .isEqualTo(Mode.ACCOUNT);
    assertThat(TelephonyAccess.initial(options(TelephonyScope.EXTENSIONS, Feed.TELEPHONY), ExtensionSelection.allEnabledUsers()))
        .isEqualTo(Mode.EXTENSIONS);
  }

  @Test
  void autoFallsBackToPerExtensionWhenTheAccountLevelFilterIsRefused() {
    assertThat(TelephonyAccess.afterRefusal(Mode.ACCOUNT, true, ADMIN_REQUIRED, TelephonyScope.AUTO))
        .isEqualTo(Mode.EXTENSIONS);
    assertThat(TelephonyAccess.afterRefusal(Mode.EXTENSIONS, false, ADMIN_REQUIRED, TelephonyScope.AUTO))
        .isEqualTo(Mode.NONE);
  }

  @Test
  void anExplicitAccountScopeOrAMissingCallControlPermissionGoesStraightToPresenceAlone() {
    assertThat(TelephonyAccess.afterRefusal(Mode.ACCOUNT, true, ADMIN_REQUIRED, TelephonyScope.ACCOUNT))
        .isEqualTo(Mode.NONE);
    assertThat(TelephonyAccess.afterRefusal(Mode.ACCOUNT, true, NO_CALL_CONTROL, TelephonyScope.AUTO))
        .isEqualTo(Mode.NONE);
    assertThat(TelephonyAccess.lacksCallControl(NO_CALL_CONTROL)).isTrue();
    assertThat(TelephonyAccess.lacksCallControl(ADMIN_REQUIRED)).isFalse();
  }

  @Test
  void aRefusalOfARequestMadeBeforeTheRunMovedOnChangesNothing() {
    assertThat(TelephonyAccess.afterRefusal(Mode.EXTENSIONS, true, ADMIN_REQUIRED, TelephonyScope.AUTO))
        .isEqualTo(Mode.EXTENSIONS);
    assertThat(TelephonyAccess.afterRefusal(Mode.NONE, false, NO_CALL_CONTROL, TelephonyScope.AUTO)).isEqualTo(Mode.NONE);
  }

  @Test
  void presencesOwnRefusalsAreNotTelephonys() {
    assertThat(ErrorClassifier.isPresenceRefusal(refusal("SUB-403", "User disallowed to monitor his presence"))).isTrue();
    assertThat(ErrorClassifier.isPresenceRefusal(refusal("SUB-505", "Subscriptions limit exceeded"))).isTrue();
    assertThat(ErrorClassifier.isPresenceRefusal(
        refusal("CMN-401", "In order to call this API endpoint, application needs to have [ReadPresence] permission")))
        .isTrue();
    assertThat(ErrorClassifier.isPresenceRefusal(NO_CALL_CONTROL)).isFalse();
    assertThat(ErrorClassifier.isPresenceRefusal(ADMIN_REQUIRED)).isFalse();
  }
}
