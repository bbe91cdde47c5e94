package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link SimulatorFaults#checkScript(String)}: a whole script is checked, arguments included, with no simulator. */
class FaultScriptTest {

  @Test
  void acceptsEveryDocumentedFaultWord() {
    assertThatCode(() -> SimulatorFaults.checkScript("500ms:drop, 1s:garbage; 2s:foreign, 3s:stale, 4s:skip, 5s:skip=3,"
        + " 6s:reset-sequences, 7s:stall, 8s:refuse-recovery=WSG-1003, 9s:refuse-recovery=wsg-1005, 1m:expire-tokens,"
        + " 2m:revoke-sessions, 3m:429=3, 4m:429=3/2, 5m:fail-subscriptions=SUB-505/2, 6m:subscribe-without-id=2,"
        + " 7m:wsg=902, 1h:wsg=WSG-903, PT2S:drop")).doesNotThrowAnyException();
  }

  @Test
  void namesTheBadEntryAndWhatIsWrongWithIt() {
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:drop, 10s:explode"))
        .hasMessageStartingWith("fault script entry '10s:explode': unknown fault 'explode' (known: drop, garbage,");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("skip=abc"))
        .hasMessage("fault script entry 'skip=abc' is not <delay>:<fault>, e.g. 10s:drop");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:skip=abc"))
        .hasMessage("fault script entry '1s:skip=abc': skip=N: needs a whole number of at least 1, was 'abc'");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("3:drop"))
        .hasMessage("fault script entry '3:drop': the delay '3' is not a duration such as 500ms, 15s, 2m or 1h");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:429=x/2"))
        .hasMessageContaining("429=N: needs a whole number of at least 0, was 'x'");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:429=1/2/3")).hasMessageContaining("429 takes N or N/S");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:wsg=904")).hasMessageContaining("wsg takes 902");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:refuse-recovery=WSG-1")).hasMessageContaining("WSG-1003 or WSG-1005");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:drop=3")).hasMessageContaining("drop takes no argument");
    assertThatThrownBy(() -> SimulatorFaults.checkScript("1s:fail-subscriptions=/2")).hasMessageContaining("CODE or CODE/N");
  }
}
