package io.presencestream.cluster;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PresenceEvent;
import io.presencestream.testing.DocSnippets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** The README's Kafka example: shown verbatim, and it runs (role both, one process). */
@Timeout(90)
class KafkaExampleIT {

  @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/cluster/KafkaExample.java");

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("<!-- section: kafka -->");
    int end = readme.indexOf("<!-- /section: kafka -->");
    assertThat(end).isGreaterThan(start).isPositive();
    assertThat(readme.substring(start, end)).contains(DocSnippets.javaBlock(EXAMPLE, "kafka"));
  }

  @Test
  void bothRoleIngestsAndProcessesInOneProcess() throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    List<EngineInput> traffic = OfficeTraffic.generate(8, 6, 120, Instant.parse("2026-11-26T09:00:00.000Z"));
    PresenceTracker local = new PresenceTracker(EngineOptions.defaults());
    List<String> expectedLines = new ArrayList<>();
    for (EngineInput input : traffic) {
      for (PresenceEvent event : local.apply(input).events()) {
        if (event instanceof PresenceEvent.CallStarted c) {
          expectedLines.add(c.extensionId() + " has a call from " + c.call().from());
        }
      }
    }
    Map<String, String> expectedStates = new TreeMap<>();
    local.states().forEach(s -> expectedStates.put(s.extensionId(), codec.encodeState(s)));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    KafkaNode node = KafkaExample.start(
        kafka.bootstrapServers(), resync -> Flux.fromIterable(traffic), new SimpleMeterRegistry(), out);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .untilAsserted(() -> assertThat(encoded(codec, node)).isEqualTo(expectedStates));
      assertThat(printed.toString(StandardCharsets.UTF_8).lines().sorted().toList())
          .isEqualTo(expectedLines.stream().sorted().toList());
      assertThat(node.role()).isEqualTo(KafkaRole.BOTH);
    } finally {
      node.close().block(Duration.ofSeconds(60));
    }
  }

  private static Map<String, String> encoded(PresenceCodec codec, KafkaNode node) {
    Map<String, String> out = new TreeMap<>();
    node.states().forEach((k, v) -> out.put(k, codec.encodeState(v)));
    return out;
  }
}
