/**
 * Scale-out on Apache Kafka: plain {@code kafka-clients} wrapped in Reactor.
 *
 * <ul>
 *   <li>{@link io.presencestream.cluster.KafkaNode} — one process in a deployment, doing what its
 *       {@link io.presencestream.cluster.KafkaRole} says ({@code ingest}, {@code process} or
 *       {@code both}); the daemon and most embedders need only this (and, for the contact-centre role,
 *       {@link io.presencestream.cluster.KafkaContactCentre}).
 *   <li>{@link io.presencestream.cluster.KafkaIngest} — source inputs → raw topic, keyed by extension
 *       (a telephony-session notification once per extension it concerns), with bounded in-flight sends
 *       on a dedicated thread; follows the resync topic for the source; publishes the contact-centre
 *       directory to its compacted topic.
 *   <li>{@link io.presencestream.cluster.KafkaProcessor} — consumer group on the raw topic → one engine
 *       per partition → events topic, compacted state topic and a local event stream, each poll in one
 *       Kafka transaction with its consumer offsets (exactly once within Kafka; a stalled processor is
 *       fenced); rebuilds gained partitions from the state topic; announces partition changes.
 *   <li>{@link io.presencestream.cluster.KafkaContactCentre} — the {@code contact-centre} role: every
 *       partition of the events topic (no consumer group), replayed from today in time order, and the
 *       directory topic → one {@link io.presencestream.ContactCentre} → its events back to the events topic
 *       and a local stream; never takes its own kinds as input.
 *   <li>{@link io.presencestream.cluster.KafkaOptions} / {@link io.presencestream.cluster.KafkaTopics}
 *       — configuration, also read from the YAML {@code kafka} section.
 * </ul>
 *
 * <p>Topics, record formats and delivery semantics are documented in the README's "Scale-out on
 * Kafka" section.
 */
package io.presencestream.cluster;
