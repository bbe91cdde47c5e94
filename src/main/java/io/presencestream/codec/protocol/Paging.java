package io.presencestream.codec.protocol;

/**
 * The {@code paging} object of a RingCentral list response. Any field may be null when absent.
 *
 * @param page this page's number, from 1
 * @param perPage the page size
 * @param pageStart index of the page's first record in the whole list, from 0
 * @param pageEnd index of the page's last record in the whole list
 * @param totalPages how many pages the list spans
 * @param totalElements how many records the list holds
 */
public record Paging(
    Integer page, Integer perPage, Integer pageStart, Integer pageEnd, Integer totalPages, Integer totalElements) {}
