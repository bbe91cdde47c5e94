package io.presencestream.simulator;

/**
 * A snapshot of the simulator's counters.
 *
 * @param connections open WebSocket connections
 * @param subscribedConnections of those, the ones whose session has a subscription
 * @param gatewaySessions gateway sessions, connected or within their recovery window
 * @param steps traffic steps taken
 * @param notificationsSent notification frames produced for subscriptions (sent or buffered)
 * @param recoveries successful session recoveries
 * @param failedRecoveries recoveries answered with {@code Failed}
 * @param slowClientsClosed connections closed for falling too far behind
 * @param logins JWT logins
 * @param refreshes successful token refreshes
 * @param rateLimited requests answered 429, by the rate-limit fault or the enforced rate limits
 * @param subscriptionsDeleted subscriptions removed by the client ({@code DELETE} over the socket)
 */
public record SimulatorStats(
    int connections,
    int subscribedConnections,
    int gatewaySessions,
    long steps,
    long notificationsSent,
    long recoveries,
    long failedRecoveries,
    long slowClientsClosed,
    long logins,
    long refreshes,
    long rateLimited,
    long subscriptionsDeleted) {}
