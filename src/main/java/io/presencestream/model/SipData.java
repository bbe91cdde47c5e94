package io.presencestream.model;

/**
 * SIP dialog data RingCentral attaches to an active call when asked with {@code sipData=true}. Any field
 * may be null.
 *
 * @param toTag the SIP {@code To} tag
 * @param fromTag the SIP {@code From} tag
 * @param remoteUri the other party's SIP URI; matched against a softphone session's user part
 * @param localUri this extension's SIP URI
 * @param callId the SIP Call-ID
 */
public record SipData(String toTag, String fromTag, String remoteUri, String localUri, String callId) {}
