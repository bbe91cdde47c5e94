package io.presencestream.simulator;

import io.presencestream.model.OriginType;
import io.presencestream.model.Party;
import java.time.Instant;

/**
 * One change of one party of a telephony session: the body of one telephony-session notification,
 * before the gateway wraps it in an envelope per subscription. Recorded only while some subscription
 * has a telephony-session filter.
 *
 * @param uuid the notification's uuid (the same for every subscription, as presence notifications')
 * @param eventTime when the change happened
 * @param telephonySessionId the session
 * @param sessionId the session's legacy numeric id
 * @param origin why the session exists
 * @param sequence the session's sequence after this change
 * @param party the party as it is after the change, SIP data included
 */
record SessionChange(String uuid, Instant eventTime, String telephonySessionId, String sessionId, OriginType origin,
    long sequence, Party party) {}
