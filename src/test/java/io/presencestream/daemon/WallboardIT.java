package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.TelephonyStatus;
import io.presencestream.simulator.RingCentralSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard in a real browser (Debian's headless Chromium) against the daemon on its simulator: the
 * page must show every extension with its presence, and follow calls as the simulated office rings,
 * answers and hangs up.
 *
 * <p>The presence wallboard: where the daemon's contact-centre view (on by default on the simulator) would
 * colour the tiles by agent state, it is turned off, which also shows the page working without it (its
 * endpoints answer 404); {@link WallboardContactCentreIT} tests the page with it.
 */
@Timeout(180)
class WallboardIT {

  private static final int EXTENSIONS = 12;

  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  @Test
  void showsEveryExtensionAndFollowsCallsAsTheyRingAndChange() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {simulator: {extensions: %d, eventsPerSecond: 0, seed: 11}}\nserver: {port: 0}\ncontactCentre: {enabled: false}"
              .formatted(EXTENSIONS),
          "test", Map.of()));
      RingCentralSimulator simulator = daemon.simulator().orElseThrow();
      DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(30),
          () -> daemon.states().size() == EXTENSIONS);
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

      // every extension, by name and number from the directory, in its presence colour
      wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == EXTENSIONS);
      wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
      for (ExtensionInfo info : simulator.directory()) {
        WebElement tile = tile(browser, info.extensionId());
        wait.until(b -> tile.findElement(By.cssSelector(".name")).getText().equals(info.name()));
        assertThat(tile.findElement(By.cssSelector(".number")).getText()).isEqualTo("ext. " + info.extensionNumber());
      }
      wait.until(b -> page(browser).equals(truth(simulator)));

      // a call rings: it shows up, stands out, and the page agrees with the simulator
      stepUntil(simulator, () -> simulator.groundTruth().values().stream()
          .anyMatch(s -> s.calls().stream().anyMatch(c -> c.telephonyStatus() == TelephonyStatus.RINGING)));
      wait.until(b -> page(browser).equals(truth(simulator)));
      WebElement ringing = browser.findElement(By.cssSelector(".tile.ringing .call[data-status='Ringing']"));
      assertThat(ringing.findElement(By.cssSelector(".status")).getText()).isEqualTo("RINGING");
      assertThat(ringing.findElement(By.cssSelector(".party")).getText()).isNotBlank();
      assertThat(ringing.findElement(By.cssSelector(".direction")).getText()).isIn("↙", "↗");
      assertThat(ringing.getCssValue("animation-name")).isEqualTo("ring-call");

      // durations run
      String before = ringing.findElement(By.cssSelector(".duration")).getText();
      wait.until(b -> !ringing.findElement(By.cssSelector(".duration")).getText().equals(before));

      // the office moves on: calls connect, hold, end; presence changes; the page keeps up
      Map<String, String> earlier = truth(simulator);
      stepUntil(simulator, () -> differsInEveryWay(earlier, truth(simulator)));
      wait.until(b -> page(browser).equals(truth(simulator)));
      assertThat(page(browser)).isNotEqualTo(earlier);
      for (int round = 0; round < 3; round++) {
        simulator.traffic().step(15);
        wait.until(b -> page(browser).equals(truth(simulator)));
      }

      long events = Long.parseLong(browser.findElement(By.id("event-count")).getText());
      assertThat(events).isPositive();
      assertThat(browser.manage().logs().get("browser").getAll())
          .as("no JavaScript errors").noneMatch(entry -> entry.getMessage().contains("Uncaught"));

    }
  }

  @Test
  void passesTheTokenFromItsOwnUrlToTheApiAndTheStream() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1200, 800)) {
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {simulator: {extensions: 4, eventsPerSecond: 0}}\nserver: {port: 0, auth: {required: true}}",
          "test", Map.of("PRESENCE_STREAM_TOKEN", "wall token/1=")));
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url() + "?access_token=wall%20token%2F1%3D");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == 4);
      wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
      assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
          .as("the style sheet loaded with the token").isEqualTo("rgba(14, 17, 22, 1)");
    }
  }

  @Test
  void reconnectsByItselfToARestartedDaemonAndReadsItsStateAgain() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1200, 800)) {
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {simulator: {extensions: 4, eventsPerSecond: 0, seed: 1}}\nserver: {port: 0, sse: {retry: 500ms}}",
          "first", Map.of()));
      int port = daemon.url().getPort();
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == 4);
      wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));

      daemon.shutdown(Duration.ofSeconds(20));
      wait.until(b -> !"connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));

      // the same address, another office: the page must notice on its own and show the new one
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {simulator: {extensions: 6, eventsPerSecond: 0, seed: 2}}\nserver: {port: %d, sse: {retry: 500ms}}"
              .formatted(port), "second", Map.of()));
      RingCentralSimulator simulator = daemon.simulator().orElseThrow();
      DaemonEndToEndIT.awaitTrue("the second daemon's snapshot", Duration.ofSeconds(30), () -> daemon.states().size() == 6);
      simulator.traffic().step(20);
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(b ->
          "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state"))
              && page(browser).equals(truth(simulator)));
      for (ExtensionInfo info : simulator.directory()) {
        wait.until(b -> tile(browser, info.extensionId()).findElement(By.cssSelector(".name")).getText().equals(info.name()));
      }
    }
  }

  @Test
  void saysTheDataMayBeStaleWhileRingCentralIsDownAndStopsCallTimers() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1200, 800)) {
      daemon = Daemon.start(DaemonConfig.parse(
          "source: {simulator: {extensions: 4, eventsPerSecond: 0, seed: 3}}\nserver: {port: 0}", "test", Map.of()));
      RingCentralSimulator simulator = daemon.simulator().orElseThrow();
      DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(30), () -> daemon.states().size() == 4);
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
      wait.until(b -> "up".equals(b.findElement(By.id("upstream")).getAttribute("data-state")));
      assertThat(browser.findElement(By.id("stale-banner")).isDisplayed()).isFalse();
      stepUntil(simulator, () -> simulator.groundTruth().values().stream().anyMatch(s -> !s.calls().isEmpty()));
      wait.until(b -> !b.findElements(By.cssSelector(".call")).isEmpty());

      simulator.stop().block(Duration.ofSeconds(10)); // RingCentral is gone; the daemon keeps reconnecting

      new WebDriverWait(browser, Duration.ofSeconds(60)).until(b ->
          "down".equals(b.findElement(By.id("upstream")).getAttribute("data-state"))
              && b.findElement(By.id("stale-banner")).isDisplayed());
      assertThat(browser.findElement(By.id("stale-banner")).getText())
          .startsWith("RingCentral connection").contains("data may be stale since");
      assertThat(browser.findElement(By.id("connection")).getAttribute("data-state"))
          .as("the page's own stream to the daemon is fine").isEqualTo("connected");

      // call timers stand still at the moment the data became stale
      String durations = durations(browser);
      long shownAt = System.currentTimeMillis();
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> System.currentTimeMillis() - shownAt > 2500);
      assertThat(durations(browser)).isEqualTo(durations);
    }
  }

  private static String durations(ChromeDriver browser) {
    return browser.findElements(By.cssSelector(".call .duration")).stream()
        .map(WebElement::getText).collect(Collectors.joining(","));
  }

  /** Presence and live calls (session/direction=status) per extension, as the page shows them. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> page(ChromeDriver browser) {
    List<Map<String, Object>> tiles = (List<Map<String, Object>>) browser.executeScript(
        "return [...document.querySelectorAll('.tile')].map(t => ({id: t.dataset.extensionId,"
            + " presence: t.dataset.presence,"
            + " calls: t.dataset.calls, shown: t.querySelectorAll('.call').length,"
            + " more: t.querySelector('.more') ? t.querySelector('.more').textContent : ''}));");
    for (Map<String, Object> tile : tiles) { // at most three calls are shown, the rest counted
      String calls = (String) tile.get("calls");
      int total = calls.isEmpty() ? 0 : calls.split(",").length;
      assertThat(((Number) tile.get("shown")).intValue()).isEqualTo(Math.min(total, 3));
      assertThat(tile.get("more")).isEqualTo(total > 3 ? "+" + (total - 3) + " more" : "");
    }
    return tiles.stream().collect(Collectors.toMap(
        t -> (String) t.get("id"), t -> t.get("presence") + " " + t.get("calls"), (a, b) -> a, TreeMap::new));
  }

  private static Map<String, String> truth(RingCentralSimulator simulator) {
    return simulator.groundTruth().values().stream().collect(Collectors.toMap(
        ExtensionState::extensionId,
        s -> s.presence().status().label() + " " + s.calls().stream()
            .map(c -> c.sessionId() + "/" + c.direction().label() + "=" + c.telephonyStatus().label())
            .sorted().collect(Collectors.joining(",")),
        (a, b) -> a, TreeMap::new));
  }

  private static boolean differsInEveryWay(Map<String, String> before, Map<String, String> now) {
    long changed = before.keySet().stream().filter(id -> !before.get(id).equals(now.get(id))).count();
    return changed >= EXTENSIONS / 2;
  }

  private static WebElement tile(ChromeDriver browser, String extensionId) {
    return browser.findElement(By.cssSelector(".tile[data-extension-id='" + extensionId + "']"));
  }

  interface Check {
    boolean holds();
  }

  private static void stepUntil(RingCentralSimulator simulator, Check check) {
    for (int i = 0; i < 2000 && !check.holds(); i++) {
      simulator.traffic().step();
    }
    assertThat(check.holds()).as("the simulated office got there within 2000 steps").isTrue();
  }

  /** How many elements matching {@code selector} are in the window, above the status bar. */
  private static long inSight(ChromeDriver browser, String selector) {
    return (Long) browser.executeScript("const bottom = document.querySelector('footer').getBoundingClientRect().top;"
        + " return [...document.querySelectorAll(arguments[0])].filter(e => { const r = e.getBoundingClientRect();"
        + " return r.height > 0 && r.top >= 0 && r.bottom <= bottom; }).length;", selector);
  }

  /**
   * The README's picture: the embedded default office after a while of traffic. Runs only when asked:
   * {@code mvn -q -o test -Dtest='WallboardIT#writesTheReadmeScreenshot' -Dwallboard.screenshot=docs/wallboard.png}.
   */
  @Test
  void writesTheReadmeScreenshot() throws Exception {
    String target = System.getProperty("wallboard.screenshot");
    org.junit.jupiter.api.Assumptions.assumeTrue(target != null, "set -Dwallboard.screenshot=docs/wallboard.png to write it");
    daemon = Daemon.start(DaemonConfig.parse(
        "source: {simulator: {eventsPerSecond: 8}}\nserver: {port: 0}\ncontactCentre: {enabled: false}", "screenshot", Map.of()));
    try (HeadlessChromium chromium = HeadlessChromium.start(1920, 1200)) {
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url().toString());
      // a moment with several calls, one of them ringing and one recorded, and several tiles saying how their
      // last call ended, a transfer or a voicemail among them (the default office has the telephony feed on),
      // all of it in the picture's part of the board
      new WebDriverWait(browser, Duration.ofSeconds(240)).pollingEvery(Duration.ofMillis(200)).until(b ->
          inSight(browser, ".call") >= 6
              && inSight(browser, ".call[data-status='Ringing']") > 0
              && inSight(browser, ".call[data-recording='true']") > 0
              && inSight(browser, ".last-call:not([hidden])") >= 6
              && inSight(browser, ".last-call[data-result='transferred'], .last-call[data-result='voicemail']") > 0);
      Thread.sleep(300); // mid-animation of the ringing glow
      Path file = Path.of(target);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
  }
}
