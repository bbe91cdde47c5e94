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
 * @param subscriptionsUpdated subscription updates accepted ({@code PUT} over the socket: filters changed)
 * @param accountPresenceReads pages of the account presence list served ({@code GET …/account/~/presence})
 * @param presenceReads reads of chosen extensions' presence served, one id or a bulk of up to 30 each
 * @param extensionListReads pages of the extension list served ({@code GET …/account/~/extension})
 * @param extensionReads single extensions served ({@code GET …/account/~/extension/{id}})
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
    long subscriptionsDeleted,
    long subscriptionsUpdated,
    long accountPresenceReads,
    long presenceReads,
    long extensionListReads,
    long extensionReads) {}
