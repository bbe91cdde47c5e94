package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.protocol.ExtensionRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestJsonTest {

  private static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }

  @Test
  void writesTheAccount() {
    assertThat(text(RestJson.account("http://sim/restapi/v1.0/account/7", 7, "Confirmed")))
        .isEqualTo("{\"uri\":\"http://sim/restapi/v1.0/account/7\",\"id\":7,\"status\":\"Confirmed\"}");
  }

  @Test
  void writesAnExtensionsInfoWithItsAccount() {
    ExtensionRecord record = new ExtensionRecord("101", "1001", "Ada", "Enabled", "User");
    assertThat(text(RestJson.extensionInfo("http://sim/x/101", record, "7")))
        .isEqualTo("{\"uri\":\"http://sim/x/101\",\"id\":101,\"extensionNumber\":\"1001\",\"name\":\"Ada\","
            + "\"type\":\"User\",\"status\":\"Enabled\",\"account\":{\"id\":\"7\"}}");
  }

  @Test
  void writesTheStatusSummaryOfABatchRead() {
    assertThat(text(RestJson.batchSummary("http://sim/restapi/v1.0/account/7",
            List.of(new RestJson.BatchPart("101", 200), new RestJson.BatchPart("999", 404)))))
        .isEqualTo("{\"response\":["
            + "{\"href\":\"http://sim/restapi/v1.0/account/7/extension/101/presence\",\"status\":200,\"responseDescription\":\"OK\"},"
            + "{\"href\":\"http://sim/restapi/v1.0/account/7/extension/999/presence\",\"status\":404,\"responseDescription\":\"Not Found\"}]}");
  }

  @Test
  void writesAMiddleAccountPresencePageWithEveryNavigationLink() {
    assertThat(text(RestJson.accountPresencePage("http://sim/p?", 2, 1, 3, 3, List.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))))
        .isEqualTo("{\"uri\":\"http://sim/p?page=2&perPage=1\",\"records\":[{\"a\":1}],"
            + "\"paging\":{\"page\":2,\"totalPages\":3,\"perPage\":1,\"totalElements\":3,\"pageStart\":1,\"pageEnd\":1},"
            + "\"navigation\":{\"firstPage\":{\"uri\":\"http://sim/p?page=1&perPage=1\"},"
            + "\"nextPage\":{\"uri\":\"http://sim/p?page=3&perPage=1\"},"
            + "\"previousPage\":{\"uri\":\"http://sim/p?page=1&perPage=1\"},"
            + "\"lastPage\":{\"uri\":\"http://sim/p?page=3&perPage=1\"}}}");
  }

  @Test
  void anEmptyPageHasNoStartOrEndAndReadsBackAsAPage() {
    byte[] page = RestJson.accountPresencePage("http://sim/restapi/v1.0/account/7/presence?", 1, 100, 1, 0, List.of());

    assertThat(text(page)).contains("\"paging\":{\"page\":1,\"totalPages\":1,\"perPage\":100,\"totalElements\":0}");
    AccountPresencePage read = PresenceCodec.create().decodeAccountPresencePage(page);
    assertThat(read.records()).isEmpty();
    assertThat(read.nextPageUri()).isNull();
  }
}
