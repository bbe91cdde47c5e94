package io.presencestream.ringcentral;

import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.AccountPresencePage;
import io.presencestream.codec.DecodeException;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.codec.protocol.ExtensionListPage;
import io.presencestream.codec.protocol.ExtensionRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * REST reads of presence and of the extension directory. Pages are followed one after the other and
 * bulk reads go one at a time, so that a resync of a large account stays inside RingCentral's rate
 * groups; every read of one operation shares that operation's retry budget (see {@link RestClient}).
 */
final class PresenceFetcher {

  private static final Logger log = LoggerFactory.getLogger(PresenceFetcher.class);
  static final String PRESENCE_QUERY = "detailedTelephonyState=true&sipData=true";
  static final String SELF = "~";

  private final TokenManager tokens;
  private final RestClient rest;
  private final PresenceCodec codec;
  private final ProtocolCodec protocol;
  private final ClientMetrics metrics;
  private final int bulkSize;
  private final int pageSize;
  /** Pages of the account presence list at its last read; 0 before the first. */
  private volatile int accountPages;

  PresenceFetcher(
      TokenManager tokens,
      RestClient rest,
      PresenceCodec codec,
      ProtocolCodec protocol,
      ClientMetrics metrics,
      RingCentralOptions options) {
    this.tokens = tokens;
    this.rest = rest;
    this.codec = codec;
    this.protocol = protocol;
    this.metrics = metrics;
    this.bulkSize = options.presenceBulkSize();
    this.pageSize = options.accountPresencePageSize();
  }

  /**
   * The presence of these extensions ({@code ~} for the authorised user), in bulk reads of at most
   * {@code presenceBulkSize} ids. An extension the server does not answer for is left out.
   */
  Flux<PresenceUpdate> extensions(Collection<String> extensionIds, RestClient.Budget budget) {
    List<String> ids = List.copyOf(extensionIds);
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += bulkSize) {
      chunks.add(ids.subList(i, Math.min(ids.size(), i + bulkSize)));
    }
    return Flux.fromIterable(chunks).concatMap(chunk -> bulk(chunk, budget), 1);
  }

  /** The presence of every extension of the account, following {@code navigation.nextPage}. */
  Flux<PresenceUpdate> account(RestClient.Budget budget) {
    String first = "/restapi/v1.0/account/~/presence?" + PRESENCE_QUERY + "&page=1&perPage=" + pageSize;
    return accountPage(first, budget)
        .expand(page -> page.nextPageUri() == null ? Mono.empty() : accountPage(page.nextPageUri(), budget))
        .concatMapIterable(AccountPresencePage::records);
  }

  /** Every extension of the account, following {@code navigation.nextPage}. */
  Flux<ExtensionRecord> directory(RestClient.Budget budget) {
    String first = "/restapi/v1.0/account/~/extension?page=1&perPage=1000";
    return directoryPage(first, budget)
        .expand(page -> page.nextPageUri() == null ? Mono.empty() : directoryPage(page.nextPageUri(), budget))
        .concatMapIterable(ExtensionListPage::records);
  }

  /**
   * One extension of the directory as it is now ({@code GET …/extension/{id}}); empty when the account no
   * longer has it (404).
   */
  Mono<java.util.Optional<ExtensionRecord>> extension(String extensionId, RestClient.Budget budget) {
    String path = "/restapi/v1.0/account/~/extension/" + extensionId;
    return get("extension read", path, budget)
        .map(
            bytes -> {
              try {
                return java.util.Optional.of(protocol.decodeExtensionInfo(bytes));
              } catch (DecodeException e) {
                throw new TransientRingCentralException("unreadable extension: " + e.getMessage());
              }
            })
        .onErrorResume(
            e -> e instanceof RingCentralException r && r.httpStatus() == 404,
            e -> Mono.just(java.util.Optional.empty()));
  }

  /** The account's id, {@code GET /restapi/v1.0/account/~}. */
  Mono<String> accountId(RestClient.Budget budget) {
    return get("account read", "/restapi/v1.0/account/~", budget)
        .map(
            bytes -> {
              try {
                return protocol.decodeAccountId(bytes);
              } catch (DecodeException e) {
                throw new TransientRingCentralException("unreadable account: " + e.getMessage());
              }
            });
  }

  static ExtensionInfo info(ExtensionRecord r) {
    return new ExtensionInfo(r.id(), r.extensionNumber(), r.name(), r.department());
  }

  /** How many pages the account presence list had when last read (0 before the first read). */
  int accountPages() {
    return accountPages;
  }

  private Mono<AccountPresencePage> accountPage(String path, RestClient.Budget budget) {
    return get("account presence read", path, budget)
        .map(
            bytes -> {
              try {
                AccountPresencePage page = codec.decodeAccountPresencePage(bytes);
                accountPages = page.totalPages();
                return page;
              } catch (DecodeException e) {
                throw new TransientRingCentralException("unreadable account presence page: " + e.getMessage());
              }
            });
  }

  private Mono<ExtensionListPage> directoryPage(String path, RestClient.Budget budget) {
    return get("extension list read", path, budget)
        .map(
            bytes -> {
              try {
                return protocol.decodeExtensionList(bytes);
              } catch (DecodeException e) {
                throw new TransientRingCentralException("unreadable extension list: " + e.getMessage());
              }
            });
  }

  private Flux<PresenceUpdate> bulk(List<String> ids, RestClient.Budget budget) {
    String path = "/restapi/v1.0/account/~/extension/" + String.join(",", ids) + "/presence?" + PRESENCE_QUERY;
    return get("presence read", path, budget)
        .flatMapMany(bytes -> Flux.fromIterable(decodePresence(bytes, ids.size() == 1)))
        .doOnNext(p -> metrics.resyncExtensions.increment());
  }

  private Mono<byte[]> get(String what, String path, RestClient.Budget budget) {
    return rest.call(
        new RestClient.Request(ErrorClassifier.Origin.API, what, HttpMethod.GET, RestClient.relative(path)),
        budget,
        w -> tokens.bearer(w, HttpMethod.GET, path, null, null));
  }

  /** A retry budget starting now, for one operation (a resync read, a directory listing). */
  RestClient.Budget budget() {
    return rest.budget();
  }

  /** One presence (single id) or a bulk answer; an unreadable part is counted, logged and left out. */
  private List<PresenceUpdate> decodePresence(byte[] bytes, boolean single) {
    return codec.decodePresenceAnswer(
        bytes,
        single,
        e -> {
          metrics.decodeError(e.reason());
          log.warn("skipping an unreadable presence answer: {}", e.getMessage());
        });
  }
}
