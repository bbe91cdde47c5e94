package io.presencestream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Directory;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.RingCentralSource;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorOptions;
import io.presencestream.testing.DocSnippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class DirectoryExampleTest {

  private static final Path EXAMPLE = Path.of("src/test/java/io/presencestream/examples/DirectoryExample.java");

  @Test
  void readmeShowsTheCompiledExampleVerbatim() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("### The directory: users and call queues");
    assertThat(start).isNotNegative();
    assertThat(readme.substring(start)).contains(DocSnippets.javaBlock(EXAMPLE, "directory"));
  }

  @Test
  void theExampleKeepsTheSimulatorsDirectory() {
    try (RingCentralSimulator sim = RingCentralSimulator.start(SimulatorOptions.builder().port(0).extensions(6).eventsPerSecond(0).build())) {
      RingCentralOptions options = DirectoryExample.options(Map.of(
          "RINGCENTRAL_SERVER_URL", sim.baseUrl(),
          "RINGCENTRAL_CLIENT_ID", sim.credentials().clientId(),
          "RINGCENTRAL_CLIENT_SECRET", sim.credentials().clientSecret(),
          "RINGCENTRAL_JWT", sim.credentials().jwt()));
      assertThat(options.queuePresence()).isTrue();
      RingCentralSource source = RingCentralSource.create(options, PresenceCodec.create(), new SimpleMeterRegistry());
      AtomicReference<Directory> latest = new AtomicReference<>();
      Disposable directory = DirectoryExample.keep(source, latest);
      try {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> latest.get() != null);
        assertThat(latest.get().queues()).isNotEmpty();
        assertThat(latest.get().extensions()).hasSize(6);
      } finally {
        directory.dispose();
        source.close().block(Duration.ofSeconds(5));
      }
    }
  }
}
