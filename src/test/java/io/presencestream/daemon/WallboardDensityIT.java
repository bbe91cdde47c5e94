package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.ExtensionInfo;
import io.presencestream.simulator.RingCentralSimulator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard of a 200-extension office on a 1920×1080 wall screen, in Debian's headless Chromium
 * against the daemon on its simulator: the compact view shows every extension without scrolling, and a
 * supervisor can filter and sort the board and bookmark what they see.
 *
 * <p>The presence wallboard: where the daemon's contact-centre view (on by default on the simulator) would
 * colour the tiles by agent state, it is turned off, which also shows the page working without it (its
 * endpoints answer 404); {@link WallboardContactCentreIT} tests the page with it.
 */
@Timeout(240)
class WallboardDensityIT {

  private static final int EXTENSIONS = 200;
  private static final int WIDTH = 1920;
  private static final int HEIGHT = 1080;

  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  @Test
  void compactViewShowsTwoHundredExtensionsOnOneScreenWithTheirFullNamesInTooltips() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, HEIGHT)) {
      RingCentralSimulator simulator = startOffice(21, 0);
      simulator.traffic().step(300); // calls on the board: a tile with a call must fit as well
      ChromeDriver browser = chromium.viewport(WIDTH, HEIGHT).driver();
      browser.get(daemon.url() + "?view=compact");
      WebDriverWait wait = boardLoaded(browser);
      assertThat(view(browser)).isEqualTo("compact");
      assertThat(browser.findElements(By.cssSelector(".tile .call"))).as("calls on the board").isNotEmpty();

      // every tile inside the screen, none under the status bar, and nothing to scroll
      Map<String, Object> layout = script(browser,
          "const footer = document.querySelector('footer').getBoundingClientRect();"
              + " const tiles = [...document.querySelectorAll('.tile')].map(t => t.getBoundingClientRect());"
              + " return {innerWidth, innerHeight, scrollHeight: document.documentElement.scrollHeight,"
              + " scrollWidth: document.documentElement.scrollWidth, footerTop: footer.top,"
              + " outside: tiles.filter(r => r.top < 0 || r.left < 0 || r.right > innerWidth || r.bottom > footer.top).length,"
              + " shown: tiles.filter(r => r.width > 0 && r.height > 0).length};");
      assertThat(number(layout, "innerWidth")).isEqualTo(WIDTH);
      assertThat(number(layout, "innerHeight")).isEqualTo(HEIGHT);
      assertThat(number(layout, "shown")).isEqualTo(EXTENSIONS);
      assertThat(number(layout, "outside")).as("tiles outside the screen or under the status bar").isZero();
      assertThat(number(layout, "scrollHeight")).as("no vertical scroll").isLessThanOrEqualTo(HEIGHT);
      assertThat(number(layout, "scrollWidth")).as("no horizontal scroll").isLessThanOrEqualTo(WIDTH);

      // a name too long for its tile ends in an ellipsis, and its tooltip gives the full name and number
      Map<String, ExtensionInfo> directory = simulator.directory().stream()
          .collect(Collectors.toMap(ExtensionInfo::extensionId, Function.identity()));
      List<Map<String, Object>> names = scriptList(browser,
          "return [...document.querySelectorAll('.tile')].map(t => {const n = t.querySelector('.name');"
              + " return {id: t.dataset.extensionId, text: n.textContent, title: n.title,"
              + " truncated: n.scrollWidth > n.clientWidth, overflow: getComputedStyle(n).textOverflow};});");
      List<Map<String, Object>> truncated = names.stream().filter(n -> (Boolean) n.get("truncated")).toList();
      assertThat(truncated).as("the longest names (e.g. 21 characters) do not fit a compact tile").isNotEmpty();
      for (Map<String, Object> name : names) {
        ExtensionInfo info = directory.get((String) name.get("id"));
        assertThat(name.get("text")).isEqualTo(info.name());
        assertThat(name.get("title")).isEqualTo(info.name() + " · ext. " + info.extensionNumber());
        assertThat(name.get("overflow")).isEqualTo("ellipsis");
      }

      // the colour legend stays on screen
      WebElement legend = browser.findElement(By.cssSelector("footer .legend"));
      assertThat(legend.isDisplayed()).isTrue();
      assertThat(legend.findElements(By.tagName("li"))).extracting(WebElement::getText)
          .containsExactly("Available", "Busy", "Busy, on a call", "Do not disturb", "Invisible / offline", "Ringing");

      // the toggle is remembered by the browser; a URL's view wins over it
      WebElement toggle = browser.findElement(By.id("view-toggle"));
      toggle.click();
      wait.until(b -> "normal".equals(view(browser)) && b.getCurrentUrl().contains("view=normal"));
      assertThat(number(script(browser, "return {h: document.documentElement.scrollHeight};"), "h"))
          .as("the normal view of 200 extensions scrolls").isGreaterThan(HEIGHT);
      browser.findElement(By.id("view-toggle")).click();
      wait.until(b -> "compact".equals(view(browser)) && b.getCurrentUrl().contains("view=compact"));
      browser.get(daemon.url().toString());
      boardLoaded(browser);
      assertThat(view(browser)).as("remembered in localStorage").isEqualTo("compact");
      browser.get(daemon.url() + "?view=normal");
      boardLoaded(browser);
      assertThat(view(browser)).isEqualTo("normal");
      assertThat(browser.findElement(By.id("view-toggle")).getAttribute("aria-pressed")).isEqualTo("false");
      assertNoScriptErrors(browser);
    }
  }

  @Test
  void filtersByNameNumberAndStatusSortsFourWaysAndKeepsTheViewInTheUrl() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, HEIGHT)) {
      RingCentralSimulator simulator = startOffice(22, 0);
      simulator.traffic().step(200); // states of different ages, some read from /api/state ...
      ChromeDriver browser = chromium.viewport(WIDTH, HEIGHT).driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = boardLoaded(browser);
      simulator.traffic().step(100); // ... and some changed by events the page saw
      wait.until(b -> Long.parseLong(b.findElement(By.id("event-count")).getText()) > 0);
      awaitQuiet(browser);
      List<ExtensionInfo> directory = simulator.directory();

      // by a name: a family name several people share, typed in lower case
      String family = directory.stream().map(info -> info.name().substring(info.name().indexOf(' ') + 1))
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
          .entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey).findFirst().orElseThrow();
      String query = family.toLowerCase();
      Set<String> named = directory.stream().filter(info -> info.name().toLowerCase().contains(query))
          .map(ExtensionInfo::extensionId).collect(Collectors.toSet());
      WebElement filter = browser.findElement(By.id("filter-text"));
      filter.sendKeys(query);
      wait.until(b -> shownIds(browser).equals(named));
      assertThat(shown(browser)).extracting(t -> t.get("name")).allMatch(n -> ((String) n).contains(family));
      assertThat(query(browser)).containsEntry("q", query);
      assertThat(browser.findElement(By.id("extension-count")).getText()).isEqualTo(named.size() + " of 200 extensions");

      // by a part of the extension number
      filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "15");
      Set<String> numbered = directory.stream().filter(info -> info.extensionNumber().contains("15"))
          .map(ExtensionInfo::extensionId).collect(Collectors.toSet());
      wait.until(b -> shownIds(browser).equals(numbered));
      assertThat(numbered).hasSize(12); // 115, 150–159 and 215 of 101–300
      filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
      wait.until(b -> shownIds(browser).size() == EXTENSIONS && !query(browser).containsKey("q"));

      // by status: Do not disturb, then Do not disturb or on a call
      List<Map<String, Object>> all = shown(browser);
      Set<String> dnd = idsWhere(all, t -> "DoNotDisturb".equals(t.get("presence")));
      Set<String> dndOrOnCall = idsWhere(all, t -> "DoNotDisturb".equals(t.get("presence")) || onCall(t));
      assertThat(dnd).isNotEmpty();
      assertThat(dndOrOnCall).hasSizeGreaterThan(dnd.size());
      browser.findElement(By.cssSelector(".status-filter [data-status='dnd']")).click();
      wait.until(b -> shownIds(browser).equals(dnd));
      browser.findElement(By.cssSelector(".status-filter [data-status='oncall']")).click();
      wait.until(b -> shownIds(browser).equals(dndOrOnCall));
      assertThat(query(browser)).containsEntry("status", "dnd,oncall");

      // sorting, on the whole board
      browser.findElement(By.cssSelector(".status-filter [data-status='dnd']")).click();
      browser.findElement(By.cssSelector(".status-filter [data-status='oncall']")).click();
      wait.until(b -> shownIds(browser).size() == EXTENSIONS);
      Comparator<Map<String, Object>> byName = Comparator.comparing(t -> (String) t.get("name"), String.CASE_INSENSITIVE_ORDER);
      Comparator<Map<String, Object>> byNumber = Comparator.comparingInt(t -> Integer.parseInt((String) t.get("number")));
      assertThat(shown(browser)).as("by extension number, by default").isSortedAccordingTo(byNumber);
      Select sort = new Select(browser.findElement(By.id("sort")));
      sort.selectByValue("name");
      wait.until(b -> "name".equals(query(browser).get("sort")));
      assertThat(shown(browser)).as("by name").isSortedAccordingTo(byName);
      sort.selectByValue("status");
      wait.until(b -> "status".equals(query(browser).get("sort")));
      List<Map<String, Object>> byStatus = shown(browser);
      assertThat(byStatus).as("by status: Available, Busy, Do not disturb, Invisible; on a call first in each")
          .isSortedAccordingTo(Comparator.comparingInt(WallboardDensityIT::statusRank).thenComparing(byName));
      assertThat(byStatus.stream().map(WallboardDensityIT::statusRank).distinct().count()).isGreaterThanOrEqualTo(4);
      sort.selectByValue("time");
      wait.until(b -> "time".equals(query(browser).get("sort")));
      List<Map<String, Object>> byTime = shown(browser);
      assertThat(byTime).as("by time in the current state, longest first")
          .isSortedAccordingTo(Comparator.comparingLong((Map<String, Object> t) -> Long.parseLong((String) t.get("since")))
              .thenComparing(byName));
      assertThat(byTime.stream().map(t -> t.get("since")).distinct().count()).as("states of different ages").isGreaterThan(10);
      assertThat(byTime.get(0).get("sinceText")).isNotEqualTo("");

      // a bookmark brings the same view back
      browser.findElement(By.cssSelector(".status-filter [data-status='available']")).click();
      filter.sendKeys("a");
      wait.until(b -> query(browser).containsKey("q"));
      Set<String> before = shownIds(browser);
      assertThat(before).isNotEmpty().hasSizeLessThan(EXTENSIONS);
      String bookmark = browser.getCurrentUrl();
      assertThat(query(browser)).containsEntry("q", "a").containsEntry("status", "available").containsEntry("sort", "time");
      browser.get("about:blank");
      browser.get(bookmark);
      boardLoaded(browser);
      wait.until(b -> shownIds(browser).equals(before));
      // a state's age now comes from /api/state rather than from the events this page saw: same order rule
      assertThat(shown(browser)).isSortedAccordingTo(
          Comparator.comparingLong((Map<String, Object> t) -> Long.parseLong((String) t.get("since"))).thenComparing(byName));
      assertThat(browser.findElement(By.id("filter-text")).getAttribute("value")).isEqualTo("a");
      assertThat(new Select(browser.findElement(By.id("sort"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("time");
      assertThat(browser.findElement(By.cssSelector(".status-filter [data-status='available']")).getAttribute("aria-pressed"))
          .isEqualTo("true");
      assertNoScriptErrors(browser);
    }
  }

  /**
   * The README's picture of the compact view. Runs only when asked:
   * {@code mvn -q -o test -Dtest='WallboardDensityIT#writesTheCompactScreenshot' -Dwallboard.compactScreenshot=docs/wallboard-compact.png}.
   */
  @Test
  void writesTheCompactScreenshot() throws Exception {
    String target = System.getProperty("wallboard.compactScreenshot");
    Assumptions.assumeTrue(target != null, "set -Dwallboard.compactScreenshot=docs/wallboard-compact.png to write it");
    startOffice(42, 8);
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.viewport(WIDTH, HEIGHT).driver();
      browser.get(daemon.url() + "?view=compact");
      new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(200)).until(b ->
          b.findElements(By.cssSelector(".tile")).size() == EXTENSIONS
              && b.findElements(By.cssSelector(".call")).size() >= 25
              && !b.findElements(By.cssSelector(".call[data-status='Ringing']")).isEmpty());
      Thread.sleep(300); // mid-animation of the ringing glow
      screenshot(browser, target);
    }
  }

  /**
   * The README's picture of a filtered, sorted board. Runs only when asked:
   * {@code mvn -q -o test -Dtest='WallboardDensityIT#writesTheFilterScreenshot' -Dwallboard.filterScreenshot=docs/wallboard-filter.png}.
   */
  @Test
  void writesTheFilterScreenshot() throws Exception {
    String target = System.getProperty("wallboard.filterScreenshot");
    Assumptions.assumeTrue(target != null, "set -Dwallboard.filterScreenshot=docs/wallboard-filter.png to write it");
    startOffice(42, 8);
    try (HeadlessChromium chromium = HeadlessChromium.start(WIDTH, HEIGHT)) {
      ChromeDriver browser = chromium.viewport(WIDTH, HEIGHT).driver();
      browser.get(daemon.url() + "?view=normal&q=an&status=busy,oncall&sort=time");
      new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(200)).until(b ->
          b.findElements(By.cssSelector(".tile")).size() == EXTENSIONS
              && b.findElements(By.cssSelector(".tile:not([hidden]) .call")).size() >= 8
              && !b.findElements(By.cssSelector(".tile:not([hidden]) .call[data-status='Ringing']")).isEmpty());
      Thread.sleep(300);
      screenshot(browser, target);
    }
  }

  private RingCentralSimulator startOffice(long seed, int eventsPerSecond) {
    daemon = Daemon.start(DaemonConfig.parse(
        "source: {simulator: {extensions: %d, eventsPerSecond: %d, seed: %d}}\nserver: {port: 0}\ncontactCentre: {enabled: false}"
            .formatted(EXTENSIONS, eventsPerSecond, seed), "test", Map.of()));
    DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(60), () -> daemon.states().size() == EXTENSIONS);
    return daemon.simulator().orElseThrow();
  }

  /** Every tile there with its name from the directory, and the stream connected. */
  private static WebDriverWait boardLoaded(ChromeDriver browser) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == EXTENSIONS);
    wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
    wait.until(b -> b.findElements(By.cssSelector(".tile .number .ext")).size() == EXTENSIONS);
    return wait;
  }

  /** Waits until the page has applied every event: its count stands still for a second. */
  private static void awaitQuiet(ChromeDriver browser) {
    String[] last = {""};
    long[] since = {System.currentTimeMillis()};
    new WebDriverWait(browser, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(100)).until(b -> {
      String count = b.findElement(By.id("event-count")).getText();
      if (!count.equals(last[0])) {
        last[0] = count;
        since[0] = System.currentTimeMillis();
      }
      return System.currentTimeMillis() - since[0] > 1000;
    });
  }

  private static String view(ChromeDriver browser) {
    return (String) browser.executeScript("return document.documentElement.dataset.view;");
  }

  /** The visible tiles in the order shown. */
  private static List<Map<String, Object>> shown(ChromeDriver browser) {
    return scriptList(browser,
        "return [...document.querySelectorAll('.tile:not([hidden])')].map(t => ({id: t.dataset.extensionId,"
            + " name: t.querySelector('.name').textContent,"
            + " number: t.querySelector('.number').textContent.replace('ext. ', ''),"
            + " presence: t.dataset.presence, calls: t.dataset.calls, since: t.dataset.since,"
            + " sinceText: t.querySelector('.since').textContent}));");
  }

  private static Set<String> shownIds(ChromeDriver browser) {
    return idsWhere(shown(browser), t -> true);
  }

  private static Set<String> idsWhere(List<Map<String, Object>> tiles, java.util.function.Predicate<Map<String, Object>> which) {
    return tiles.stream().filter(which).map(t -> (String) t.get("id")).collect(Collectors.toSet());
  }

  private static boolean onCall(Map<String, Object> tile) {
    return !((String) tile.get("calls")).isEmpty();
  }

  private static int statusRank(Map<String, Object> tile) {
    int colour = switch ((String) tile.get("presence")) {
      case "Available" -> 0;
      case "Busy" -> 1;
      case "DoNotDisturb" -> 2;
      default -> 3;
    };
    return colour * 2 + (onCall(tile) ? 0 : 1);
  }

  /** The page's own query parameters, decoded. */
  private static Map<String, String> query(ChromeDriver browser) {
    String url = browser.getCurrentUrl();
    int at = url.indexOf('?');
    if (at < 0) {
      return Map.of();
    }
    return java.util.Arrays.stream(url.substring(at + 1).split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> script(ChromeDriver browser, String script) {
    return (Map<String, Object>) browser.executeScript(script);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> scriptList(ChromeDriver browser, String script) {
    return (List<Map<String, Object>>) browser.executeScript(script);
  }

  private static long number(Map<String, Object> values, String key) {
    return Math.round(((Number) values.get(key)).doubleValue());
  }

  private static void assertNoScriptErrors(ChromeDriver browser) {
    assertThat(browser.manage().logs().get("browser").getAll())
        .as("no JavaScript errors").noneMatch(entry -> entry.getMessage().contains("Uncaught"));
  }

  private static void screenshot(ChromeDriver browser, String target) throws Exception {
    Path file = Path.of(target);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
