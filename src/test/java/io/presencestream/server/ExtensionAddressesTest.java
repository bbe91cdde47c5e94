package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule by which an extension named in a request is read: an id, else a number, else unknown. */
class ExtensionAddressesTest {

  private final List<ExtensionInfo> directory = List.of(
      new ExtensionInfo("101", "201", "Id one-oh-one"),
      new ExtensionInfo("62000002", "101", "Number one-oh-one"),
      new ExtensionInfo("62000003", "103", "Cy"));

  @Test
  void oneValueAndManyValuesAreReadAlike() {
    for (String value : List.of("101", "201", "62000002", "103", "999", "62000009")) {
      ExtensionAddresses.Resolution alone = ExtensionAddresses.resolve(directory, Set.of("62000009")::contains, List.of(value));
      ExtensionAddresses.Resolution together =
          ExtensionAddresses.resolve(directory, Set.of("62000009")::contains, List.of(value, "103"));
      assertThat(together.unknown()).as(value).isEqualTo(alone.unknown());
      if (alone.unknown().isEmpty()) {
        assertThat(together.ids()).as(value).containsExactly(alone.ids().get(0), "62000003");
      }
    }
  }

  @Test
  void anIdWinsANumberIsItsExtensionsIdAndTheRestIsUnknown() {
    ExtensionAddresses.Resolution r =
        ExtensionAddresses.resolve(directory, id -> false, List.of("101", "201", "103", "999"));
    assertThat(r.ids()).containsExactly("101", "101", "62000003");
    assertThat(r.unknown()).containsExactly("999");
  }

  @Test
  void withoutADirectoryEveryValueIsAnId() {
    assertThat(ExtensionAddresses.resolve(List.of(), id -> false, List.of("999")).ids()).containsExactly("999");
  }

  @Test
  void theMessageNamesAtMostFiveValues() {
    assertThat(ExtensionAddresses.message(List.of("1", "2", "3", "4", "5", "6", "7"), "in extensions"))
        .isEqualTo("unknown extensions '1', '2', '3', '4', '5' and 2 more in extensions"
            + " (neither an extension id nor an extension number in the directory)");
  }
}
