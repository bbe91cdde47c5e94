package io.presencestream.model;

/**
 * A recording of a party's call.
 *
 * @param id RingCentral's recording id
 * @param active whether it is recording now; null when not said
 */
public record Recording(String id, Boolean active) {}
