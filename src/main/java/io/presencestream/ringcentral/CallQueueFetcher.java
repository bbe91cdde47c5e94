package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.CallQueueCodec;
import io.presencestream.codec.CallQueueMembersPage;
import io.presencestream.codec.CallQueuePage;
import io.presencestream.codec.DecodeException;
import io.presencestream.model.CallQueue;
import io.presencestream.model.QueueMember;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * REST reads of the account's call queues: the list ({@code GET …/call-queues}, paged), a queue's members with
 * their queue flags ({@code GET …/call-queues/{id}/presence}), and its bare member list
 * ({@code GET …/call-queues/{id}/members}, paged) for when the flags may not be read. Every request goes through
 * the source's {@link RestClient}: paced by the rate-limit headers, retried there within the operation's
 * budget and nowhere else. An unreadable body is counted ({@code presence.connection.decode.errors}) and fails
 * the read with a transient error.
 */
final class CallQueueFetcher {

  static final String QUEUES = "/restapi/v1.0/account/~/call-queues";
  private static final int PAGE_SIZE = 1000;

  private final TokenManager tokens;
  private final RestClient rest;
  private final CallQueueCodec codec;
  private final ClientMetrics metrics;

  CallQueueFetcher(TokenManager tokens, RestClient rest, CallQueueCodec codec, ClientMetrics metrics) {
    this.tokens = tokens;
    this.rest = rest;
    this.codec = codec;
    this.metrics = metrics;
  }

  /** Every call queue of the account, without members, following {@code navigation.nextPage}. */
  Flux<CallQueue> queues(RestClient.Budget budget) {
    String first = QUEUES + "?page=1&perPage=" + PAGE_SIZE;
    return queuePage(first, budget)
        .expand(page -> page.nextPageUri() == null ? Mono.empty() : queuePage(page.nextPageUri(), budget))
        .concatMapIterable(CallQueuePage::queues);
  }

  /** A queue's members with their {@code acceptQueueCalls} and {@code acceptCurrentQueueCalls}. */
  Mono<List<QueueMember>> presence(String queueId, RestClient.Budget budget) {
    return get("call-queue presence read", QUEUES + "/" + queueId + "/presence", budget)
        .map(bytes -> decode(bytes, codec::decodeQueuePresence, "call-queue presence"));
  }

  /**
   * A queue's members without their flags, each read as taking queue calls (RingCentral's default): for when
   * {@link #presence} is refused (it needs {@code ReadPresence}, the list {@code ReadAccounts}).
   */
  Mono<List<QueueMember>> members(String queueId, RestClient.Budget budget) {
    String first = QUEUES + "/" + queueId + "/members?page=1&perPage=" + PAGE_SIZE;
    return memberPage(first, budget)
        .expand(page -> page.nextPageUri() == null ? Mono.empty() : memberPage(page.nextPageUri(), budget))
        .concatMapIterable(CallQueueMembersPage::extensionIds)
        .map(id -> new QueueMember(id, true, true))
        .collect(ArrayList::new, List::add);
  }

  private Mono<CallQueuePage> queuePage(String path, RestClient.Budget budget) {
    return get("call-queue list read", path, budget).map(bytes -> decode(bytes, codec::decodeCallQueues, "call-queue list"));
  }

  private Mono<CallQueueMembersPage> memberPage(String path, RestClient.Budget budget) {
    return get("call-queue members read", path, budget)
        .map(bytes -> decode(bytes, codec::decodeMembers, "call-queue member list"));
  }

  private <T> T decode(byte[] bytes, Function<byte[], T> decoder, String what) {
    try {
      return decoder.apply(bytes);
    } catch (DecodeException e) {
      metrics.decodeError(e.reason());
      throw new TransientRingCentralException("unreadable " + what + ": " + e.getMessage());
    }
  }

  private Mono<byte[]> get(String what, String path, RestClient.Budget budget) {
    String relative = RestClient.relative(path);
    return rest.call(
        new RestClient.Request(ErrorClassifier.Origin.API, what, HttpMethod.GET, relative),
        budget,
        w -> tokens.bearer(w, HttpMethod.GET, relative, null, null));
  }
}
