package io.presencestream.ringcentral;

import io.presencestream.codec.NotificationDecoder;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import java.time.Clock;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;

/**
 * The parts shared by every connection and REST read of one source ({@code wsClient}: the WebSocket client,
 * no pool; {@code decoder}: the notifications of the configured feeds; {@code feeds}: which of them are
 * subscribed now; {@code callQueues}: the call-queue REST reads; {@code directoryFeed}: what the subscriptions
 * and the directory streams tell each other).
 */
record SourceContext(
    RingCentralOptions options,
    PresenceCodec codec,
    NotificationDecoder decoder,
    ProtocolCodec protocol,
    ClientMetrics metrics,
    Clock clock,
    Scheduler timer,
    Redactor redactor,
    TokenManager tokens,
    WsTokenCache wsTokens,
    PresenceFetcher fetcher,
    HttpClient wsClient,
    Backoff backoff,
    FeedState feeds,
    CallQueueFetcher callQueues,
    DirectoryFeed directoryFeed) {}
