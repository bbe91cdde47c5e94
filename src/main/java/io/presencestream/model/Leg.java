package io.presencestream.model;

/** One of the two legs of a RingOut call, as RingCentral reported it. */
public record Leg(String id, String sessionId) {}
