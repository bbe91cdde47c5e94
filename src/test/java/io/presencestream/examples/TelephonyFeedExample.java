package io.presencestream.examples;

import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.TelephonyScope;
import java.util.EnumSet;
import java.util.Map;

/** The README's "Telephony sessions over the gateway" snippet, compiled and run by its test. */
final class TelephonyFeedExample {

  private TelephonyFeedExample() {}

  static RingCentralOptions options(Map<String, String> environment) {
    // tag::telephony-feed[]
    RingCentralOptions options = RingCentralOptions.fromEnvironment(environment)
        .feeds(EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY))   // daemon: source.ringcentral.feeds: [presence, telephony]
        .telephonyScope(TelephonyScope.AUTO)                 // daemon: source.ringcentral.telephonyScope: auto
        .build();
    // end::telephony-feed[]
    return options;
  }
}
