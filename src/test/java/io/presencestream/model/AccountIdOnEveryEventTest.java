package io.presencestream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every event type carries {@code accountId}: a record component, set by {@code withAccountId} and nothing
 * else changed. A new event type that forgets it (the interface's default keeps no account) fails here.
 */
class AccountIdOnEveryEventTest {

  private static List<Class<?>> eventRecords(Class<?> type) {
    List<Class<?>> records = new ArrayList<>();
    if (type.isRecord()) {
      records.add(type);
    } else {
      for (Class<?> sub : type.getPermittedSubclasses()) {
        records.addAll(eventRecords(sub));
      }
    }
    return records;
  }

  /** An instance with every component null but {@code extensionId}. */
  private static PresenceEvent blank(Class<?> record) throws Exception {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      values[i] = switch (components[i].getName()) {
        case "extensionId" -> "101";
        case "at" -> java.time.Instant.EPOCH;
        default -> null;
      };
    }
    Constructor<?> canonical = record.getDeclaredConstructor(types);
    try {
      return (PresenceEvent) canonical.newInstance(values);
    } catch (java.lang.reflect.InvocationTargetException e) {
      return null; // a record that requires its parts: checked by its component alone
    }
  }

  @Test
  void everyEventTypeHasAnAccountIdThatWithAccountIdSetsAndNothingElse() throws Exception {
    List<Class<?>> records = eventRecords(PresenceEvent.class);
    assertThat(records).hasSizeGreaterThanOrEqualTo(12);
    for (Class<?> record : records) {
      assertThat(Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName))
          .as(record.getSimpleName()).contains("accountId");
      assertThat(record.getDeclaredMethod("withAccountId", String.class).getDeclaringClass())
          .as(record.getSimpleName()).isEqualTo(record);
      PresenceEvent event = blank(record);
      if (event != null) {
        PresenceEvent stamped = event.withAccountId("37439510");
        assertThat(stamped.accountId()).as(record.getSimpleName()).isEqualTo("37439510");
        assertThat(stamped.withAccountId(null)).as(record.getSimpleName()).isEqualTo(event);
      }
    }
  }
}
