/**
 * The RingCentral edge: {@link io.presencestream.ringcentral.RingCentralSource} logs in (JWT bearer
 * grant), subscribes to detailed presence over the WebSocket gateway, reads state over REST, and keeps
 * the engine's input stream right across drops, expiring tokens and rate limits. Configured by
 * {@link io.presencestream.ringcentral.RingCentralOptions}; reports
 * {@link io.presencestream.ringcentral.ConnectionState}; fails only with a
 * {@link io.presencestream.ringcentral.PermanentRingCentralException}. Everything else here is
 * package-private machinery. Wire formats belong to {@code io.presencestream.codec.protocol} and
 * the codecs.
 */
package io.presencestream.ringcentral;
