package io.presencestream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.cli.Main;
import io.presencestream.cluster.KafkaNode;
import io.presencestream.cluster.KafkaOptions;
import io.presencestream.cluster.KafkaRole;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.daemon.Daemon;
import io.presencestream.daemon.DaemonConfig;
import io.presencestream.engine.EngineOptions;
import io.presencestream.ringcentral.RingCentralOptions;
import io.presencestream.ringcentral.RingCentralSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The optional dependencies (Kafka, YAML, Prometheus, picocli, the history database's) are left out of an embedder's build:
 * each feature that needs one says which one is missing, and the embedding API needs none of them.
 * Each case runs presence-stream's classes in a class loader that hides the dependency.
 */
class OptionalDependencyTest {

  private static final String KAFKA = "org.apache.kafka.";
  private static final String YAML = "com.fasterxml.jackson.dataformat.yaml.";
  private static final String PROMETHEUS = "io.micrometer.prometheusmetrics.";
  private static final String PICOCLI = "picocli.";
  private static final String R2DBC_POSTGRESQL = "io.r2dbc.postgresql.";
  private static final String R2DBC_POOL = "io.r2dbc.pool.";

  @Test
  void aPresentClassPasses() {
    OptionalDependency.require("reactor.core.publisher.Flux", "io.projectreactor:reactor-core", "Streams");
  }

  @Test
  void aMissingClassNamesTheFeatureAndTheArtifactToAdd() {
    assertThatThrownBy(() -> OptionalDependency.require("org.example.Absent", "org.example:absent", "Absent support"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Absent support needs org.example:absent on the class path")
        .hasMessageContaining("optional dependency of io.presencestream:presence-stream");
  }

  @Test
  void aKafkaNodeWithoutKafkaClientsSaysSo() throws Exception {
    assertThatThrownBy(() -> runHiding(CreateKafkaNode.class, KAFKA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Kafka scale-out needs org.apache.kafka:kafka-clients on the class path");
  }

  @Test
  void theDaemonsConfigurationWithoutTheYamlModuleSaysSo() {
    assertThatThrownBy(() -> runHiding(LoadDefaultConfig.class, YAML))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "The daemon's YAML configuration needs com.fasterxml.jackson.dataformat:jackson-dataformat-yaml");
  }

  @Test
  void theDaemonWithoutThePrometheusRegistrySaysSoBeforeStartingAnything() {
    assertThatThrownBy(() -> runHiding(StartDaemon.class, PROMETHEUS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "The Prometheus metrics scrape needs io.micrometer:micrometer-registry-prometheus");
  }

  @Test
  void theCommandLineWithoutPicocliSaysSo() {
    assertThatThrownBy(() -> runHiding(RunMain.class, PICOCLI))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The presence-stream command line needs info.picocli:picocli");
  }

  @Test
  void theHistoryDatabaseWithoutItsDriverSaysSoBeforeConnecting() {
    assertThatThrownBy(() -> runHiding(OpenPostgresHistory.class, R2DBC_POSTGRESQL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The PostgreSQL history database needs org.postgresql:r2dbc-postgresql on the class path");
    assertThatThrownBy(() -> runHiding(OpenPostgresHistory.class, R2DBC_POOL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The history database needs io.r2dbc:r2dbc-pool on the class path");
  }

  @Test
  void theEmbeddingApiNeedsNoneOfThem() throws Exception {
    Object events = runHiding(EmbedEngineAndSource.class, KAFKA, YAML, PROMETHEUS, PICOCLI);
    assertThat(events).isEqualTo(List.of("presence"));
  }

  /** Loads {@code task} and the presence-stream classes it uses in a loader that hides {@code hidden}, and calls it. */
  private static Object runHiding(Class<? extends Callable<?>> task, String... hidden) throws Exception {
    ClassLoader loader = new HidingClassLoader(OptionalDependencyTest.class.getClassLoader(), List.of(hidden));
    Callable<?> isolated = (Callable<?>) loader.loadClass(task.getName()).getDeclaredConstructor().newInstance();
    return isolated.call();
  }

  public static final class CreateKafkaNode implements Callable<Object> {
    @Override
    public Object call() {
      return KafkaNode.create(KafkaOptions.of("127.0.0.1:9", KafkaRole.BOTH), PresenceCodec.create(),
          EngineOptions.defaults(), new SimpleMeterRegistry());
    }
  }

  public static final class OpenPostgresHistory implements Callable<Object> {
    @Override
    public Object call() {
      return io.presencestream.store.HistoryStore.open(
          io.presencestream.store.HistoryOptions.builder(io.presencestream.store.HistoryDatabase.postgresql(
              "127.0.0.1", 9, "presence", "presence", null, io.presencestream.store.HistoryDatabase.SslMode.DISABLE)).build(),
          event -> "{}", new SimpleMeterRegistry());
    }
  }

  public static final class LoadDefaultConfig implements Callable<Object> {
    @Override
    public Object call() {
      return DaemonConfig.loadDefault(Map.of());
    }
  }

  public static final class StartDaemon implements Callable<Object> {
    @Override
    public Object call() {
      return Daemon.start(DaemonConfig.loadDefault(Map.of()));
    }
  }

  public static final class RunMain implements Callable<Object> {
    @Override
    public Object call() {
      Main.main(new String[] {"--version"});
      return null;
    }
  }

  /** What an embedder does: an engine fed by the RingCentral client (built, not connected) and by raw messages. */
  public static final class EmbedEngineAndSource implements Callable<Object> {
    @Override
    public Object call() {
      RingCentralSource.create(
          RingCentralOptions.builder(URI.create("http://127.0.0.1:9"), "id", "secret", "jwt").build(),
          PresenceCodec.create(), new SimpleMeterRegistry());
      PresenceEngine engine = PresenceEngine.create();
      String notification = "{\"uuid\":\"u1\",\"event\":\"/restapi/v1.0/account/~/extension/101/presence?detailedTelephonyState=true\","
          + "\"timestamp\":\"2024-01-01T00:00:00.000Z\",\"subscriptionId\":\"s\",\"body\":{\"extensionId\":101,"
          + "\"sequence\":1,\"presenceStatus\":\"Available\",\"userStatus\":\"Available\",\"dndStatus\":\"TakeAllCalls\","
          + "\"telephonyStatus\":\"NoCall\",\"activeCalls\":[]}}";
      return engine.events(Flux.just(notification)).map(e -> e.kind().label()).collectList().block();
    }
  }

  /**
   * Child-first for presence-stream's own classes (so they link against what this loader offers),
   * parent-first for everything else, and {@link ClassNotFoundException} for the hidden packages.
   */
  private static final class HidingClassLoader extends ClassLoader {
    private final List<String> hidden;

    HidingClassLoader(ClassLoader parent, List<String> hidden) {
      super("hiding " + hidden, parent);
      this.hidden = hidden;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (hidden.stream().anyMatch(name::startsWith)) {
          throw new ClassNotFoundException(name + " (hidden by the test)");
        }
        if (!name.startsWith("io.presencestream.")) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          String resource = name.replace('.', '/') + ".class";
          try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
              throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            loaded = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    @Override
    public URL getResource(String name) {
      return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    private boolean hidden(String resource) {
      return hidden.stream().anyMatch(prefix -> resource.startsWith(prefix.replace('.', '/')));
    }
  }
}
