package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderedSetTest {

  @Test
  void iteratesInTheOrderItWasGivenAndKeepsTheFirstOfEachDuplicate() {
    Set<String> set = OrderedSet.copyOf(List.of("103", "101", "103", "102", "101"));

    assertThat(set).containsExactly("103", "101", "102");
    assertThat(set).hasSize(3);
  }

  @Test
  void answersMembershipAndEqualsAnySetOfTheSameElements() {
    Set<GatewayFilter> filters = OrderedSet.copyOf(List.of(GatewayFilter.presence("101"), GatewayFilter.ACCOUNT_TELEPHONY));

    assertThat(filters.contains(GatewayFilter.presence("101"))).isTrue();
    assertThat(filters.contains(GatewayFilter.presence("102"))).isFalse();
    assertThat(filters.contains(null)).isFalse();
    assertThat(filters).isEqualTo(new LinkedHashSet<>(List.of(GatewayFilter.ACCOUNT_TELEPHONY, GatewayFilter.presence("101"))));
    assertThat(filters.hashCode()).isEqualTo(Set.of(GatewayFilter.ACCOUNT_TELEPHONY, GatewayFilter.presence("101")).hashCode());
  }

  @Test
  void cannotBeChangedAndACopyOfACopyIsTheSameSet() {
    Set<String> set = OrderedSet.copyOf(List.of("101", "102"));

    assertThatThrownBy(() -> set.add("103")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.remove("101")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> {
      var it = set.iterator();
      it.next();
      it.remove();
    }).isInstanceOf(UnsupportedOperationException.class);
    assertThat(OrderedSet.copyOf(set)).isSameAs(set);
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> OrderedSet.copyOf(Arrays.asList("101", null))).isInstanceOf(NullPointerException.class);
  }
}
