package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.ringcentral.Feed;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.TelephonyScope;
import io.presencestream.testing.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelephonyFeedExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/examples/TelephonyFeedExample.java");

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("### Telephony sessions over the gateway");
    int end = readme.indexOf("<!-- /section: ringcentral -->");
    assertThat(start).isNotNegative();
    assertThat(end).isGreaterThan(start);
    assertThat(readme.substring(start, end)).contains(DocSnippets.javaBlock(EXAMPLE, "telephony-feed"));
  }

  @Test
  void theExampleAsksForBothFeeds() {
    RingCentralOptions options = TelephonyFeedExample.options(Map.of(
        "RINGCENTRAL_CLIENT_ID", "id", "RINGCENTRAL_CLIENT_SECRET", "secret", "RINGCENTRAL_JWT", "jwt"));
    assertThat(options.feeds()).containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
    assertThat(options.telephonyScope()).isEqualTo(TelephonyScope.AUTO);
    assertThat(RingCentralOptions.fromEnvironment(Map.of(
        "RINGCENTRAL_CLIENT_ID", "id", "RINGCENTRAL_CLIENT_SECRET", "secret", "RINGCENTRAL_JWT", "jwt")).build().feeds())
        .as("the default").containsExactly(Feed.PRESENCE);
  }
}
