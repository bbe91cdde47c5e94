package io.presencestream.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line must be a
 * {@code # HELP}, {@code # TYPE} or other comment, or a sample {@code name{label="value",…} value [timestamp]}.
 */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? ([^ ]+)(?: (-?[0-9]+))?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

  private PrometheusText() {}

  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        if (i != lines.length - 1) {
          throw new IllegalArgumentException("empty line " + (i + 1));
        }
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        Matcher type = TYPE.matcher(line);
        if (!type.matches() || types.put(type.group(1), type.group(2)) != null) {
          throw new IllegalArgumentException("bad or repeated TYPE at line " + (i + 1) + ": " + line);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new IllegalArgumentException("not a sample at line " + (i + 1) + ": " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      String labelText = sample.group(2);
      if (labelText != null && !labelText.isEmpty()) {
        Matcher label = LABEL.matcher(labelText);
        int at = 0;
        while (at < labelText.length()) {
          if (!label.find(at) || label.start() != at) {
            throw new IllegalArgumentException("bad labels at line " + (i + 1) + ": " + line);
          }
          labels.put(label.group(1), label.group(2));
          at = label.end();
        }
      }
      samples.add(new Sample(sample.group(1), labels, value(sample.group(3), line)));
    }
    if (!NAME.matcher("ok").matches() || types.isEmpty()) {
      throw new IllegalArgumentException("no TYPE lines");
    }
    return samples;
  }

  private static double value(String text, String line) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad value in: " + line);
        }
    }
  }
}
