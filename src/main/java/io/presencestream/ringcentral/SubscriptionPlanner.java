package io.presencestream.ringcentral;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which event filters go into which subscription (one per WebSocket connection): every feed's filters count
 * against the same budget of {@code maxFiltersPerSubscription}. Pure: the run applies the plan.
 *
 * <p>Filters come in extension order, an extension's presence filter before its telephony-session filter,
 * the account's extension list and the account-level telephony-session filter first of all, then the call
 * queues' member presence filters (with {@code queuePresence}), and fill
 * subscriptions in that order, so an extension's two filters share a subscription unless the budget splits
 * them. A new plan keeps every filter
 * still wanted where it is (its subscription is updated in place, nothing is read again), fills the
 * subscriptions' free room with the new ones, closes a subscription only when nothing is left for it, and
 * opens subscriptions for the rest.
 */
final class SubscriptionPlanner {

  private SubscriptionPlanner() {}

  /** The filters wanted for {@code extensionIds} with telephony sessions subscribed as {@code telephony} says. */
  static List<GatewayFilter> filters(Collection<String> extensionIds, TelephonyAccess.Mode telephony) {
    return filters(extensionIds, telephony, false);
  }

  /**
   * As {@link #filters(Collection, TelephonyAccess.Mode)}, with the account's extension list first of all when
   * {@code extensionList} (the selection {@code all}, which follows the account's users).
   */
  static List<GatewayFilter> filters(
      Collection<String> extensionIds, TelephonyAccess.Mode telephony, boolean extensionList) {
    return filters(extensionIds, telephony, extensionList, List.of());
  }

  /**
   * As {@link #filters(Collection, TelephonyAccess.Mode, boolean)}, with the member presence filter of each of
   * {@code queueIds} after the account-level filters and before the extensions': a handful of filters that
   * change rarely, so they stay in the first subscription however the watched extensions change.
   */
  static List<GatewayFilter> filters(
      Collection<String> extensionIds, TelephonyAccess.Mode telephony, boolean extensionList, Collection<String> queueIds) {
    List<GatewayFilter> filters =
        new ArrayList<>(extensionIds.size() * (telephony == TelephonyAccess.Mode.EXTENSIONS ? 2 : 1) + 2 + queueIds.size());
    if (extensionList) {
      filters.add(GatewayFilter.EXTENSION_LIST);
    }
    if (telephony == TelephonyAccess.Mode.ACCOUNT) {
      filters.add(GatewayFilter.ACCOUNT_TELEPHONY);
    }
    for (String queue : queueIds) {
      filters.add(GatewayFilter.queuePresence(queue));
    }
    for (String id : extensionIds) {
      filters.add(GatewayFilter.presence(id));
      if (telephony == TelephonyAccess.Mode.EXTENSIONS) {
        filters.add(GatewayFilter.telephony(id));
      }
    }
    return filters;
  }

  /**
   * The next plan.
   *
   * @param current each existing subscription's filters, by position
   * @param wanted every filter wanted, in order
   * @param max filters per subscription, at least 1
   * @return at least as many sets as {@code current}: at the same position, what that subscription carries
   *     from now on (empty: close it); beyond, new subscriptions, each full but the last
   */
  static List<Set<GatewayFilter>> plan(List<Set<GatewayFilter>> current, List<GatewayFilter> wanted, int max) {
    Set<GatewayFilter> remaining = new LinkedHashSet<>(wanted);
    List<Set<GatewayFilter>> plan = new ArrayList<>(current.size());
    for (Set<GatewayFilter> existing : current) {
      Set<GatewayFilter> keep = new LinkedHashSet<>();
      for (GatewayFilter f : existing) {
        if (keep.size() < max && remaining.remove(f)) {
          keep.add(f);
        }
      }
      plan.add(keep);
    }
    for (Set<GatewayFilter> keep : plan) {
      // an emptied subscription takes new filters too: its connection is reused rather than replaced
      Iterator<GatewayFilter> it = remaining.iterator();
      while (keep.size() < max && it.hasNext()) {
        keep.add(it.next());
        it.remove();
      }
    }
    Set<GatewayFilter> next = new LinkedHashSet<>();
    for (GatewayFilter f : remaining) {
      next.add(f);
      if (next.size() == max) {
        plan.add(next);
        next = new LinkedHashSet<>();
      }
    }
    if (!next.isEmpty()) {
      plan.add(next);
    }
    return plan;
  }
}
