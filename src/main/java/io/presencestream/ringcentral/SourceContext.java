package io.presencestream.ringcentral;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import java.time.Clock;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

/** The parts shared by every connection and REST read of one source ({@code wsClient}: the WebSocket client, no pool). */
record SourceContext(
    RingCentralOptions options,
    PresenceCodec codec,
    ProtocolCodec protocol,
    ClientMetrics metrics,
    Clock clock,
    Scheduler timer,
    Redactor redactor,
    TokenManager tokens,
    WsTokenCache wsTokens,
    PresenceFetcher fetcher,
    HttpClient wsClient,
    Backoff backoff) {}
