package io.presencestream.ringcentral.protocol;

/** One entry of an error body's {@code errors}. */
public record ErrorDetail(String errorCode, String message, String parameterName) {}
