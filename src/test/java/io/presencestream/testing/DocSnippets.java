package io.presencestream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the tagged regions of compiled example sources ({@code // tag::NAME[]} … {@code // end::NAME[]}),
 * so that a test can check the README or docs show them verbatim: the examples compile and run, and
 * the docs cannot drift from them.
 */
public final class DocSnippets {

  private DocSnippets() {}

  /**
   * The lines between {@code // tag::NAME[]} and {@code // end::NAME[]} in {@code source}, without their
   * common indentation (blank lines emptied), joined with {@code \n}. Fails the test if the tags are
   * missing or out of order.
   */
  public static String region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// tag::" + tag + "[]")) {
        start = i + 1;
      } else if (lines.get(i).contains("// end::" + tag + "[]")) {
        end = i;
      }
    }
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    List<String> region = lines.subList(start, end);
    int indent = region.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
  }

  /** The {@link #region} as the fenced {@code ```java} block the Markdown docs show. */
  public static String javaBlock(Path source, String tag) throws IOException {
    return "```java\n" + region(source, tag) + "\n```";
  }
}
