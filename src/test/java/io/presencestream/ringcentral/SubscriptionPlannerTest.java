package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.ringcentral.TelephonyAccess.Mode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which filters go into which subscription: one budget for both feeds, and a new plan that moves little. */
class SubscriptionPlannerTest {

  private static final GatewayFilter ACCOUNT = GatewayFilter.ACCOUNT_TELEPHONY;

  private static GatewayFilter p(String id) {
    return GatewayFilter.presence(id);
  }

  private static GatewayFilter t(String id) {
    return GatewayFilter.telephony(id);
  }

  private static Set<GatewayFilter> set(GatewayFilter... filters) {
    return new LinkedHashSet<>(List.of(filters));
  }

  @Test
  void queuePresenceFiltersComeAfterTheAccountsAndBeforeTheExtensionsAndShareTheBudget() {
    GatewayFilter sales = GatewayFilter.queuePresence("61000000004");
    GatewayFilter support = GatewayFilter.queuePresence("61000002004");
    assertThat(SubscriptionPlanner.filters(List.of("1", "2"), Mode.ACCOUNT, true, List.of("61000000004", "61000002004")))
        .containsExactly(GatewayFilter.EXTENSION_LIST, ACCOUNT, sales, support, p("1"), p("2"));
    assertThat(sales.path()).isEqualTo("/restapi/v1.0/account/~/call-queues/61000000004/presence");
    assertThat(sales.feed()).as("no feed of the engine").isNull();
    List<Set<GatewayFilter>> plan = SubscriptionPlanner.plan(List.of(),
        SubscriptionPlanner.filters(List.of("1", "2"), Mode.NONE, false, List.of("61000000004", "61000002004")), 3);
    assertThat(plan).containsExactly(set(sales, support, p("1")), set(p("2")));
    assertThat(GatewayFilter.presenceIds(plan.get(0))).as("a queue's filter reads no presence").containsExactly("1");
  }

  @Test
  void presenceAloneIsOneFilterPerExtension() {
    assertThat(SubscriptionPlanner.filters(List.of("1", "2"), Mode.NONE)).containsExactly(p("1"), p("2"));
  }

  @Test
  void perExtensionTelephonyFollowsEachExtensionsPresenceAndAccountLevelComesFirst() {
    assertThat(SubscriptionPlanner.filters(List.of("1", "2"), Mode.EXTENSIONS))
        .containsExactly(p("1"), t("1"), p("2"), t("2"));
    assertThat(SubscriptionPlanner.filters(List.of("1", "2"), Mode.ACCOUNT)).containsExactly(ACCOUNT, p("1"), p("2"));
  }

  @Test
  void bothFeedsCountAgainstOneBudgetPerSubscription() {
    List<GatewayFilter> wanted = SubscriptionPlanner.filters(List.of("1", "2", "3", "4", "5"), Mode.EXTENSIONS);
    List<Set<GatewayFilter>> plan = SubscriptionPlanner.plan(List.of(), wanted, 4);
    assertThat(plan).containsExactly(
        set(p("1"), t("1"), p("2"), t("2")), set(p("3"), t("3"), p("4"), t("4")), set(p("5"), t("5")));
    assertThat(plan).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(4));
  }

  @Test
  void anOddBudgetSplitsAnExtensionsFiltersRatherThanWastingRoom() {
    List<Set<GatewayFilter>> plan =
        SubscriptionPlanner.plan(List.of(), SubscriptionPlanner.filters(List.of("1", "2"), Mode.EXTENSIONS), 3);
    assertThat(plan).containsExactly(set(p("1"), t("1"), p("2")), set(t("2")));
  }

  @Test
  void theAccountLevelFilterTakesOneSlotOfTheFirstSubscription() {
    List<Set<GatewayFilter>> plan =
        SubscriptionPlanner.plan(List.of(), SubscriptionPlanner.filters(List.of("1", "2", "3"), Mode.ACCOUNT), 2);
    assertThat(plan).containsExactly(set(ACCOUNT, p("1")), set(p("2"), p("3")));
  }

  @Test
  void theExtensionListComesFirstAndStaysWhereItIsWhileUsersJoinAndLeave() {
    GatewayFilter list = GatewayFilter.EXTENSION_LIST;
    assertThat(SubscriptionPlanner.filters(List.of("1", "2"), Mode.ACCOUNT, true)).containsExactly(list, ACCOUNT, p("1"), p("2"));
    List<Set<GatewayFilter>> first =
        SubscriptionPlanner.plan(List.of(), SubscriptionPlanner.filters(List.of("1", "2", "3"), Mode.NONE, true), 2);
    assertThat(first).containsExactly(set(list, p("1")), set(p("2"), p("3")));

    // 1 leaves, 4 and 5 join: the list keeps its place, 4 takes 1's room, 5 gets a subscription of its own
    List<Set<GatewayFilter>> next =
        SubscriptionPlanner.plan(first, SubscriptionPlanner.filters(List.of("2", "3", "4", "5"), Mode.NONE, true), 2);
    assertThat(next).containsExactly(set(list, p("4")), set(p("2"), p("3")), set(p("5")));
  }

  @Test
  void droppingTelephonyKeepsEachPresenceFilterWhereItIsAndClosesWhatIsLeftEmpty() {
    List<Set<GatewayFilter>> current =
        SubscriptionPlanner.plan(List.of(), SubscriptionPlanner.filters(List.of("1", "2", "3"), Mode.EXTENSIONS), 2);
    assertThat(current).containsExactly(set(p("1"), t("1")), set(p("2"), t("2")), set(p("3"), t("3")));

    List<Set<GatewayFilter>> next =
        SubscriptionPlanner.plan(current, SubscriptionPlanner.filters(List.of("1", "2", "3"), Mode.NONE), 2);
    // the free room of the first subscription is not filled from the second: a filter stays where it is
    assertThat(next).containsExactly(set(p("1")), set(p("2")), set(p("3")));
  }

  @Test
  void fallingBackFromAccountLevelToPerExtensionFillsFreeRoomThenOpensSubscriptions() {
    List<String> ids = List.of("1", "2", "3");
    List<Set<GatewayFilter>> current = SubscriptionPlanner.plan(List.of(), SubscriptionPlanner.filters(ids, Mode.ACCOUNT), 4);
    assertThat(current).containsExactly(set(ACCOUNT, p("1"), p("2"), p("3")));

    List<Set<GatewayFilter>> next = SubscriptionPlanner.plan(current, SubscriptionPlanner.filters(ids, Mode.EXTENSIONS), 4);
    assertThat(next).containsExactly(set(p("1"), p("2"), p("3"), t("1")), set(t("2"), t("3")));
    List<GatewayFilter> all = new ArrayList<>();
    next.forEach(all::addAll);
    assertThat(all).containsExactlyInAnyOrderElementsOf(SubscriptionPlanner.filters(ids, Mode.EXTENSIONS));
  }

  @Test
  void anEmptiedSubscriptionTakesNewFiltersSoItsConnectionIsReused() {
    List<Set<GatewayFilter>> current = List.of(set(p("1")), set(p("2")));
    List<Set<GatewayFilter>> next = SubscriptionPlanner.plan(current, List.of(p("2"), p("3")), 1);
    assertThat(next).containsExactly(set(p("3")), set(p("2")));
    assertThat(SubscriptionPlanner.plan(current, List.of(p("2")), 1)).containsExactly(set(), set(p("2")));
  }
}
