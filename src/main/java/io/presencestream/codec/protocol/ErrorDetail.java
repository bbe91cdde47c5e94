package io.presencestream.codec.protocol;

/** One entry of an error body's {@code errors}. */
public record ErrorDetail(String errorCode, String message, String parameterName) {}
