/**
 * Wire-independent, immutable domain types: what RingCentral reports ({@link io.presencestream.model.PresenceUpdate},
 * {@link io.presencestream.model.ActiveCall}), what the engine derives ({@link io.presencestream.model.Call},
 * {@link io.presencestream.model.PresenceState}) and what it emits ({@link io.presencestream.model.PresenceEvent}).
 * Nothing here knows JSON.
 */
package io.presencestream.model;
