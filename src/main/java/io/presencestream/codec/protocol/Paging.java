package io.presencestream.codec.protocol;

/** The {@code paging} object of a RingCentral list response. Any field may be null when absent. */
public record Paging(
    Integer page, Integer perPage, Integer pageStart, Integer pageEnd, Integer totalPages, Integer totalElements) {}
