package io.presencestream.model;

import java.time.Instant;

/**
 * One entry of a notification's {@code activeCalls}, exactly as RingCentral reported it (SEMANTICS §1).
 * Absent fields are {@code null}; enum fields hold {@code UNKNOWN} for values this version does not know.
 *
 * @param startTime the server's start time, often absent; the engine assigns one when it is
 */
public record ActiveCall(
    String id,
    Direction direction,
    String from,
    String fromName,
    String to,
    String toName,
    Instant startTime,
    TelephonyStatus telephonyStatus,
    TerminationType terminationType,
    String sessionId,
    String telephonySessionId,
    String partyId,
    boolean queueCall,
    SipData sipData) {}
