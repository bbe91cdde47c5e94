package io.presencestream.model;

/** SIP dialog data RingCentral attaches to an active call when asked with {@code sipData=true}. Any field may be null. */
public record SipData(String toTag, String fromTag, String remoteUri, String localUri, String callId) {}
