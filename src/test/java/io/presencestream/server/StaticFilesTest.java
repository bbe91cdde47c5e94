package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

  @Test
  void mapsTheRootToIndexAndKeepsPlainPaths() {
    assertThat(StaticFiles.resolve("/")).contains("index.html");
    assertThat(StaticFiles.resolve("")).contains("index.html");
    assertThat(StaticFiles.resolve("/css/site.css")).contains("css/site.css");
    assertThat(StaticFiles.resolve("/wallboard.min.js")).contains("wallboard.min.js");
  }

  @Test
  void refusesAnythingThatCouldLeaveTheFolder() {
    for (String path : new String[] {
        "/../x.css", "/a/../../x.css", "/..", "/.", "/./x.css", "/a//x.css", "//x.css", "/a\\..\\x.css",
        "/x.css\u0000.html", "/.hidden.css", "/a/", "x.css", "/a..b/../x.css", "/..x.css"}) {
      assertThat(StaticFiles.resolve(path)).as(path).isEqualTo(Optional.empty());
    }
  }

  @Test
  void servesOnlyKnownContentTypes() {
    assertThat(StaticFiles.resolve("/pom.xml")).isEmpty();
    assertThat(StaticFiles.resolve("/Main.class")).isEmpty();
    assertThat(StaticFiles.resolve("/README")).isEmpty();
  }
}
