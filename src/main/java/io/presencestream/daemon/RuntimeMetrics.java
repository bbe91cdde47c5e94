package io.presencestream.daemon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The daemon's JVM and process metrics (Micrometer's binders: memory, GC, threads, classes, CPU, uptime,
 * open files) and {@code presence.build.info{version}}, a gauge of 1 that says which version is running.
 * Closing it stops the GC listener.
 */
final class RuntimeMetrics implements AutoCloseable {

  private final JvmGcMetrics gc;

  private RuntimeMetrics(JvmGcMetrics gc) {
    this.gc = gc;
  }

  static RuntimeMetrics bind(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    Gauge.builder("presence.build.info", () -> 1)
        .description("Always 1; the version tag says which presence-stream is running")
        .tag("version", version())
        .tag("java", String.valueOf(Runtime.version().feature()))
        .register(registry);
    return new RuntimeMetrics(gc);
  }

  /** The version from the jar's manifest; {@code development} when run from classes (mvn exec:java, tests). */
  static String version() {
    String version = RuntimeMetrics.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? "development" : version;
  }

  @Override
  public void close() {
    gc.close();
  }
}
