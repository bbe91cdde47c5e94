package io.presencestream.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.ResyncRequest;
import java.io.PrintStream;
import java.util.function.Function;
import reactor.core.publisher.Flux;

/** The README's Kafka example, compiled and run by {@link KafkaExampleIT} so that it cannot rot. */
final class KafkaExample {

  private KafkaExample() {}

  static KafkaNode start(
      String bootstrapServers,
      Function<Flux<ResyncRequest>, Flux<EngineInput>> source,
      MeterRegistry registry,
      PrintStream out) {
    // tag::kafka[]
    KafkaOptions options = KafkaOptions.builder(bootstrapServers, KafkaRole.BOTH)
        .topics(KafkaTopics.builder().partitions(3).replicationFactor(1).build()) // a single local broker
        .build();
    KafkaNode node = KafkaNode.create(options, PresenceCodec.create(), EngineOptions.defaults(), registry);
    node.events()                       // the events of the extensions this node owns
        .ofType(PresenceEvent.CallStarted.class)
        .subscribe(e -> out.println(e.extensionId() + " has a call from " + e.call().from()));
    node.start(source).block();         // source: e.g. ringCentralSource::inputs
    // node.state(id), node.states(): what this node owns now; at shutdown: node.close().block()
    // end::kafka[]
    return node;
  }
}
