package io.presencestream.store;

/**
 * What one run of the retention job deleted.
 *
 * @param events rows deleted from the events table
 * @param calls rows deleted from the calls table
 */
public record Retention(long events, long calls) {}
