package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.Party;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.ScenarioPlayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the telephony-session feed adds to the wallboard, in a real browser (Debian's headless Chromium)
 * against the daemon on its simulator: a recorded call says so, and each tile says how the extension's last
 * call ended (answered, missed, to voicemail, transferred to whom, picked up or answered by whom, busy)
 * with RingCentral's reason; the compact view stays two lines a tile. Without the feed none of it shows.
 * (The presence wallboard: the contact-centre view, whose compact tiles show the agent's state rather than
 * the call, is turned off.)
 */
@Timeout(180)
class WallboardTelephonyIT {

  private static final int EXTENSIONS = 8;

  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  private RingCentralSimulator start(String feeds) {
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: %d, eventsPerSecond: 0, seed: 11, feeds: %s}}
        engine: {sessions: {switchGrace: 1s}}
        server: {port: 0}
        contactCentre: {enabled: false}
        """.formatted(EXTENSIONS, feeds), "test", Map.of()));
    RingCentralSimulator sim = daemon.simulator().orElseThrow();
    DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(30), () -> daemon.states().size() == EXTENSIONS);
    return sim;
  }

  private static WebDriverWait open(ChromeDriver browser, Daemon daemon) {
    browser.get(daemon.url().toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == EXTENSIONS);
    wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
    return wait;
  }

  @Test
  void showsRecordingVoicemailTransfersAndHowEachLastCallEnded() throws Exception {
    RingCentralSimulator sim = start("[presence, telephony]");
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      ChromeDriver browser = chromium.driver();
      WebDriverWait wait = open(browser, daemon);

      // a queue call: the agent's answer is recorded, and the call on the agent's tile says so
      ScenarioPlayer queue = ScenarioPlayer.start(sim, "queue");
      String agent = queue.extensionIds().get(0);
      advanceUntilRecorded(sim, queue, agent);
      WebElement recorded = wait.until(b -> b.findElement(
          By.cssSelector(".tile[data-extension-id='" + agent + "'] .call[data-recording='true']")));
      assertThat(recorded.findElement(By.cssSelector(".rec")).getText()).isEqualTo("REC");
      assertThat(recorded.getAttribute("data-party")).isEqualTo("Answered");
      queue.finish();
      assertLastCall(browser, wait, agent, "answered", "Last call answered · ");
      assertThat(browser.findElements(By.cssSelector(".rec"))).as("the recording stopped with the call").isEmpty();

      // voicemail: the phone stops ringing while the caller leaves a message, then the call ends there
      ScenarioPlayer voicemail = ScenarioPlayer.start(sim, "inbound-voicemail");
      String callee = voicemail.extensionIds().get(0);
      voicemail.advance();
      voicemail.advance();
      assertLastCall(browser, wait, callee, "voicemail ongoing", "caller leaving voicemail");
      voicemail.finish();
      assertLastCall(browser, wait, callee, "voicemail", "Last call to voicemail");

      ScenarioPlayer missed = ScenarioPlayer.play(sim, "inbound-missed");
      assertLastCall(browser, wait, missed.extensionIds().get(0), "missed", "missed");

      ScenarioPlayer busy = ScenarioPlayer.play(sim, "outbound-busy");
      assertLastCall(browser, wait, busy.extensionIds().get(0), "busy", "busy", "target busy");

      ScenarioPlayer blind = ScenarioPlayer.play(sim, "transfer-blind");
      assertLastCall(browser, wait, blind.extensionIds().get(0), "transferred",
          "transferred to " + name(sim, blind.extensionIds().get(1)), "blind transfer");

      ScenarioPlayer attended = ScenarioPlayer.play(sim, "transfer-attended");
      assertLastCall(browser, wait, attended.extensionIds().get(0), "transferred",
          "transferred to " + name(sim, attended.extensionIds().get(1)), "attended transfer");

      ScenarioPlayer agents = ScenarioPlayer.play(sim, "queue-agents");
      assertLastCall(browser, wait, agents.extensionIds().get(0), "answered_elsewhere",
          "answered by " + name(sim, agents.extensionIds().get(1)));

      ScenarioPlayer pickup = ScenarioPlayer.play(sim, "pickup");
      // the engine ends a picked-up session after its switch grace, on its first input after it
      String picked = pickup.extensionIds().get(0);
      await("the picked-up session to end").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
        ScenarioPlayer.touch(sim, pickup.extensionIds().get(1));
        return "answered_elsewhere".equals(tile(browser, picked).getAttribute("data-last-call"));
      });
      assertLastCall(browser, wait, pickup.extensionIds().get(0), "answered_elsewhere",
          "picked up by " + name(sim, pickup.extensionIds().get(1)));

      // the call queue's own party is in the account's sessions, but it is no user: no tile of its own
      assertThat(browser.findElements(By.cssSelector(".tile"))).hasSize(EXTENSIONS);
      assertThat(browser.findElements(By.cssSelector(".tile[data-extension-id='" + ScenarioPlayer.QUEUE_ID + "']"))).isEmpty();

      // compact: still two lines a tile; the last call is left to the normal view, a recorded call keeps its dot
      ScenarioPlayer second = ScenarioPlayer.start(sim, "queue");
      String secondAgent = second.extensionIds().get(0);
      advanceUntilRecorded(sim, second, secondAgent);
      wait.until(b -> !b.findElements(By.cssSelector(".call[data-recording='true']")).isEmpty());
      browser.findElement(By.id("view-toggle")).click();
      wait.until(b -> "compact".equals(b.findElement(By.tagName("html")).getAttribute("data-view")));
      assertThat(browser.findElements(By.cssSelector(".last-call"))).isNotEmpty()
          .noneMatch(WebElement::isDisplayed);
      WebElement dot = browser.findElement(By.cssSelector(".call[data-recording='true'] .rec"));
      assertThat(dot.isDisplayed()).isTrue();
      assertThat(dot.getRect().getHeight()).isPositive();
      for (WebElement tile : browser.findElements(By.cssSelector(".tile"))) {
        assertThat(tile.getRect().getHeight()).as("a compact tile is two lines").isLessThan(60);
      }
      // and the filter still works on a board with session data
      browser.findElement(By.cssSelector(".status-filter [data-status='oncall']")).click();
      wait.until(b -> b.findElements(By.cssSelector(".tile:not([hidden])")).size() == 1);
      assertThat(browser.findElement(By.cssSelector(".tile:not([hidden])")).getAttribute("data-extension-id"))
          .isEqualTo(secondAgent);
      second.finish();

      assertThat(browser.manage().logs().get("browser").getAll())
          .as("no JavaScript errors").noneMatch(entry -> entry.getMessage().contains("Uncaught"));
    }
  }

  @Test
  void showsNoneOfItWithoutTheTelephonyFeed() throws Exception {
    RingCentralSimulator sim = start("[presence]");
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      ChromeDriver browser = chromium.driver();
      WebDriverWait wait = open(browser, daemon);

      ScenarioPlayer queue = ScenarioPlayer.start(sim, "queue");
      String agent = queue.extensionIds().get(0);
      advanceUntilRecorded(sim, queue, agent);
      By connected = By.cssSelector(".tile[data-extension-id='" + agent + "'] .call[data-status='CallConnected']");
      WebElement call = wait.until(b -> b.findElement(connected));
      assertThat(call.getAttribute("data-party")).isEmpty();
      assertThat(call.getAttribute("data-recording")).isEmpty();
      assertThat(call.findElements(By.cssSelector(".rec"))).isEmpty();
      queue.finish();
      for (String kind : List.of("inbound-voicemail", "transfer-blind", "inbound-missed")) {
        ScenarioPlayer.play(sim, kind);
      }
      wait.until(b -> b.findElements(By.cssSelector(".call")).isEmpty());
      long events = Long.parseLong(browser.findElement(By.id("event-count")).getText());
      assertThat(events).as("the page followed the calls").isGreaterThan(10);
      assertThat(browser.findElements(By.cssSelector(".last-call"))).hasSize(EXTENSIONS).noneMatch(WebElement::isDisplayed);
      assertThat(browser.findElements(By.cssSelector(".tile"))).allSatisfy(t -> assertThat(t.getAttribute("data-last-call")).isEmpty());
    }
  }

  /** Waits until the extension's tile says how its last call ended, and checks what it says. */
  private static void assertLastCall(ChromeDriver browser, WebDriverWait wait, String extensionId, String result,
      String... texts) {
    WebElement tile = browser.findElement(By.cssSelector(".tile[data-extension-id='" + extensionId + "']"));
    wait.withMessage(() -> "last call of " + extensionId + " to be " + result + ", was "
        + tile.getAttribute("data-last-call") + ": " + tile.findElement(By.cssSelector(".last-call")).getText())
        .until(b -> result.equals(tile.getAttribute("data-last-call")));
    WebElement line = tile.findElement(By.cssSelector(".last-call"));
    assertThat(line.isDisplayed()).isTrue();
    String shown = line.getText().replace('\n', ' ');
    for (String text : texts) {
      assertThat(shown).as("last call of %s", extensionId).containsIgnoringCase(text);
    }
  }

  private static WebElement tile(ChromeDriver browser, String extensionId) {
    return browser.findElement(By.cssSelector(".tile[data-extension-id='" + extensionId + "']"));
  }

  private static String name(RingCentralSimulator sim, String extensionId) {
    return sim.directory().stream().filter(e -> e.extensionId().equals(extensionId)).map(ExtensionInfo::name)
        .findFirst().orElseThrow();
  }

  private static void advanceUntilRecorded(RingCentralSimulator sim, ScenarioPlayer scenario, String extensionId) {
    while (!recording(sim, extensionId)) {
      assertThat(scenario.done()).as("the %s call was recorded before it ended", scenario.kind()).isFalse();
      scenario.advance();
    }
  }

  /** Whether the extension's party in some live session is being recorded, in the simulator's truth. */
  private static boolean recording(RingCentralSimulator sim, String extensionId) {
    return sim.sessionTruth().stream().flatMap(s -> s.parties().stream())
        .filter(p -> extensionId.equals(p.extensionId()))
        .map(Party::recordings)
        .anyMatch(r -> r != null && r.stream().anyMatch(rec -> Boolean.TRUE.equals(rec.active())));
  }
}
