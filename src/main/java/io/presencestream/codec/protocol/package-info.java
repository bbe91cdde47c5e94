/**
 * RingCentral's WebSocket gateway and OAuth/REST protocol as plain records: frame headers, the
 * ConnectionDetails body, subscription requests and replies, token responses, error bodies and the
 * extension list. Shared by the client ({@code io.presencestream.ringcentral}) and the simulator
 * ({@code io.presencestream.simulator}); {@link io.presencestream.codec.ProtocolCodec} reads and writes
 * them. Presence bodies are not here: {@link io.presencestream.codec.PresenceCodec} owns those.
 *
 * <p>Nothing in this package prints a token or secret from {@code toString()}.
 *
 * <p>Internal: the types are public only so that three packages (client, simulator, codec) can share
 * one wire vocabulary. They are not part of the embedding API ({@link
 * io.presencestream.ringcentral.RingCentralSource} and its options are) and follow the protocol, not a
 * compatibility promise.
 */
package io.presencestream.codec.protocol;
