package io.presencestream.model;

/**
 * One of the two legs of a RingOut call, as RingCentral reported it.
 *
 * @param id RingCentral's id of the leg
 * @param sessionId the leg's telephony session id (the two legs' differ by a multiple of 1000)
 */
public record Leg(String id, String sessionId) {}
