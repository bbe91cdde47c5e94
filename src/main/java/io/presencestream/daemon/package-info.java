/**
 * The standalone daemon: its configuration and its wiring.
 *
 * <p>{@link io.presencestream.daemon.DaemonConfig} reads a YAML file (or the embedded
 * {@code config/default.yaml}) into immutable records and refuses, before anything starts, unknown keys,
 * invalid values and secrets written in the file, naming each key path. {@link
 * io.presencestream.daemon.Daemon} starts what the configuration asks for — the built-in simulator or a
 * RingCentral account as the source, the engine, the SSE hub and HTTP server (with the wallboard), the
 * JSON-lines and webhook sinks, or a Kafka role — and stops it in order. The {@code run} command of
 * {@link io.presencestream.cli.Main} is a thin shell around the two.
 */
package io.presencestream.daemon;
