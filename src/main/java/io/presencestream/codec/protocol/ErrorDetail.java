package io.presencestream.codec.protocol;

/**
 * One entry of an error body's {@code errors}.
 *
 * @param errorCode RingCentral's code for this error, or null
 * @param message what went wrong, or null
 * @param parameterName the request parameter at fault, or null
 */
public record ErrorDetail(String errorCode, String message, String parameterName) {}
