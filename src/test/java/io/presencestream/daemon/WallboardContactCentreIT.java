package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.simulator.RingCentralSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
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
 * The wallboard's contact-centre view in Debian's headless Chromium against the daemon on its simulator,
 * compared with the simulator's own truth ({@code /_sim/truth?include=agents,queues}, computed from its
 * model, never from the analytics' code): every tile shows the agent's state, and the queue strip the
 * queues' figures, as the truth has them at a pause; a supervisor's 200 agents fit one 1920×1080 screen
 * in compact view; the filters and sorts work on agent states and queues; a click on a tile shows the
 * agent's day as the truth's timeline; with the view off the page is the presence wallboard.
 *
 * <p>Two comparisons, so that a failure says whose it is: the page against the daemon's API, exactly (the
 * page's job: every event applied, every figure shown as given), and the daemon's view against the truth
 * as {@link DaemonContactCentreTruthIT} holds it (states and counts exactly, instants within its
 * tolerance, a day's spans of at least that long).
 */
@Timeout(300)
class WallboardContactCentreIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LEGEND = List.of("Available", "Off queue", "Ringing", "On call", "On hold", "Wrap-up",
      "Busy", "In a meeting", "Do not disturb", "Away", "Offline");
  /** The legend's order, which is also the sort by status: Available splits into on and off queue. */
  private static final List<String> ORDER = List.of("Available/true", "Available/false", "Ringing", "OnCall", "OnHold",
      "WrapUp", "Busy", "InMeeting", "DoNotDisturb", "Away", "Offline");

  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  @Test
  void tilesShowTheAgentStatesAndTheStripTheQueueFiguresOfTheSimulatorsTruth() throws Exception {
    RingCentralSimulator simulator = startOffice(16, 31, 0, "");
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      ChromeDriver browser = chromium.viewport(1600, 1000).driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = boardLoaded(browser, 16);
      assertThat(browser.findElements(By.cssSelector("footer .legend li"))).extracting(WebElement::getText)
          .as("the legend names every agent state").containsExactlyElementsOf(LEGEND);
      assertThat(browser.findElements(By.cssSelector(".status-filter button"))).extracting(b -> b.getAttribute("data-status"))
          .containsExactly("available", "offqueue", "ringing", "oncall", "wrapup", "notready", "offline");
      awaitAgreement(wait, browser, simulator);

      // the office rings, answers, holds, wraps up and hangs up: at each pause the page agrees with the truth
      Set<String> seen = new java.util.TreeSet<>();
      boolean waited = false;
      for (int round = 0; round < 40 && (seen.size() < 5 || !waited); round++) {
        simulator.traffic().step(10);
        JsonNode truth = awaitAgreement(wait, browser, simulator);
        agents(truth).forEach(a -> seen.add(a.path("state").asText()));
        if (!waited && StreamSupport.stream(truth.path("queues").spliterator(), false).anyMatch(q -> q.path("waiting").asInt() > 0)) {
          // a call waits: its queue's longest wait runs on the page, from longestWaitSince
          waited = true;
          WebElement card = browser.findElement(By.cssSelector(".queue:not([data-waiting='0'])"));
          String shown = card.findElement(By.cssSelector(".longest .value")).getText();
          assertThat(shown).matches("\\d+:\\d\\d");
          wait.until(b -> !card.findElement(By.cssSelector(".longest .value")).getText().equals(shown));
        }
      }
      assertThat(seen).as("agent states the office went through").contains("Available").hasSizeGreaterThanOrEqualTo(4);
      assertThat(waited).as("a queue call waited at a pause").isTrue();
      assertThat(browser.findElement(By.id("queue-strip")).isDisplayed()).isTrue();

      // each tile says its state in words, not by colour alone, and is a button with a label saying it all
      for (Map<String, Object> tile : tiles(browser)) {
        String state = (String) tile.get("state");
        if (!state.isEmpty()) {
          assertThat(tile.get("label")).isEqualTo(label(state, (String) tile.get("onQueue")));
          assertThat((String) tile.get("aria")).startsWith(tile.get("name") + ", ext. ").contains(": " + tile.get("label") + " since ");
        }
      }
      assertNoScriptErrors(browser);
    }
  }

  @Test
  void compactViewFitsTwoHundredAgentsWithTheQueueStripAndFiltersAndSortsByStateAndQueue() throws Exception {
    RingCentralSimulator simulator = startOffice(200, 32, 0, "");
    DaemonEndToEndIT.awaitTrue("the call queues", Duration.ofSeconds(60), () -> api("/api/queues").size() >= 2);
    simulator.traffic().step(300);
    try (HeadlessChromium chromium = HeadlessChromium.start(1920, 1080)) {
      ChromeDriver browser = chromium.viewport(1920, 1080).driver();
      browser.get(daemon.url() + "?view=compact");
      WebDriverWait wait = boardLoaded(browser, 200);
      // the page shows the daemon's view (the truth is compared at the end)
      JsonNode truth = awaitAgreement(wait, browser, simulator, false);

      // every tile on screen, under the strip and above the status bar, nothing to scroll
      Map<String, Object> layout = script(browser,
          "const footer = document.querySelector('footer').getBoundingClientRect();"
              + " const strip = document.getElementById('queue-strip').getBoundingClientRect();"
              + " const tiles = [...document.querySelectorAll('.tile')].map(t => t.getBoundingClientRect());"
              + " return {scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth,"
              + " stripHeight: strip.height, cards: document.querySelectorAll('.queue').length,"
              + " outside: tiles.filter(r => r.top < strip.bottom || r.left < 0 || r.right > innerWidth || r.bottom > footer.top).length,"
              + " shown: tiles.filter(r => r.width > 0 && r.height > 0).length};");
      assertThat(number(layout, "shown")).isEqualTo(200);
      assertThat(number(layout, "outside")).as("tiles off screen, under the strip or under the status bar").isZero();
      assertThat(number(layout, "scrollHeight")).as("no vertical scroll").isLessThanOrEqualTo(1080);
      assertThat(number(layout, "scrollWidth")).as("no horizontal scroll").isLessThanOrEqualTo(1920);
      assertThat(number(layout, "stripHeight")).isPositive();
      assertThat(number(layout, "cards")).isEqualTo(truth.path("queues").size());
      assertThat(browser.findElement(By.cssSelector("footer .legend")).isDisplayed()).isTrue();

      // a state group: on a call (OnCall or OnHold); then also ringing
      Map<String, String> states = new TreeMap<>();
      pageAgents(browser).forEach((id, row) -> states.put(id, row.exact()));
      WebElement onCall = browser.findElement(By.cssSelector(".status-filter [data-status='oncall']"));
      Set<String> calling = idsWhere(states, s -> s.startsWith("OnCall") || s.startsWith("OnHold"));
      onCall.click();
      wait.until(b -> shownIds(browser).equals(calling));
      browser.findElement(By.cssSelector(".status-filter [data-status='ringing']")).click();
      Set<String> callingOrRinging = idsWhere(states, s -> s.startsWith("OnCall") || s.startsWith("OnHold") || s.startsWith("Ringing"));
      wait.until(b -> shownIds(browser).equals(callingOrRinging));
      assertThat(browser.getCurrentUrl()).contains("status=ringing,oncall");
      browser.findElement(By.cssSelector(".status-filter [data-status='oncall']")).click();
      browser.findElement(By.cssSelector(".status-filter [data-status='ringing']")).click();
      wait.until(b -> shownIds(browser).size() == 200);

      // a queue: its members, as the truth lists the agents' queues
      JsonNode sales = StreamSupport.stream(truth.path("queues").spliterator(), false)
          .filter(q -> "Sales Queue".equals(q.path("name").asText())).findFirst().orElseThrow();
      String salesId = sales.path("queueId").asText();
      Set<String> members = agents(truth).stream()
          .filter(a -> StreamSupport.stream(a.path("queues").spliterator(), false).anyMatch(q -> q.asText().equals(salesId)))
          .map(a -> a.path("extensionId").asText()).collect(Collectors.toSet());
      assertThat(members).isNotEmpty();
      new Select(browser.findElement(By.id("queue-filter"))).selectByVisibleText("Sales Queue");
      wait.until(b -> shownIds(browser).equals(members));
      assertThat(browser.getCurrentUrl()).contains("queue=" + salesId);
      // any queue: the agents, members of a queue
      Set<String> agents = agents(truth).stream().filter(a -> a.path("queues").size() > 0)
          .map(a -> a.path("extensionId").asText()).collect(Collectors.toSet());
      assertThat(agents).hasSizeGreaterThan(members.size());
      new Select(browser.findElement(By.id("queue-filter"))).selectByValue("*");
      wait.until(b -> shownIds(browser).equals(agents));
      new Select(browser.findElement(By.id("queue-filter"))).selectByValue("");
      wait.until(b -> shownIds(browser).size() == 200);
      // the text filter finds agents by department too (the simulator puts the Sales Queue's members in Sales)
      WebElement text = browser.findElement(By.id("filter-text"));
      text.sendKeys("sales");
      wait.until(b -> shownIds(browser).equals(members));
      text.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
      wait.until(b -> shownIds(browser).size() == 200);

      // sort by status: the legend's order; by time in state: the longest first, from the agents' `since`
      Select sort = new Select(browser.findElement(By.id("sort")));
      sort.selectByValue("status");
      wait.until(b -> b.getCurrentUrl().contains("sort=status"));
      Comparator<Map<String, Object>> statusOrder = Comparator.comparingInt(WallboardContactCentreIT::rank);
      List<Map<String, Object>> byStatus = tilesOnceIn(statusOrder, wait, browser);
      assertThat(byStatus).isSortedAccordingTo(statusOrder);
      assertThat(byStatus.stream().map(WallboardContactCentreIT::rank).distinct().count()).isGreaterThanOrEqualTo(3);
      sort.selectByValue("time");
      wait.until(b -> b.getCurrentUrl().contains("sort=time"));
      Comparator<Map<String, Object>> timeOrder = Comparator.comparingLong(WallboardContactCentreIT::since);
      assertThat(tilesOnceIn(timeOrder, wait, browser)).isSortedAccordingTo(timeOrder);

      // and what the page shows is the simulator's truth
      awaitAgreement(wait, browser, simulator, true);
      assertNoScriptErrors(browser);
    }
  }

  @Test
  void clickingATileShowsTheAgentsDayAsTheTruthsTimeline() throws Exception {
    RingCentralSimulator simulator = startOffice(12, 33, 0, "");
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      ChromeDriver browser = chromium.viewport(1600, 1000).driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = boardLoaded(browser, 12);
      // a day with some history: the agent with the most spans after a while of traffic
      simulator.traffic().step(150);
      JsonNode truth = awaitAgreement(wait, browser, simulator, false);
      JsonNode busiest = agents(truth).stream()
          .max(Comparator.comparingInt(a -> a.path("day").path("timeline").size())).orElseThrow();
      String id = busiest.path("extensionId").asText();
      assertThat(busiest.path("day").path("timeline").size()).as("spans of the busiest agent's day").isGreaterThanOrEqualTo(3);

      browser.findElement(By.cssSelector(".tile[data-extension-id='" + id + "']")).click();
      WebElement dialog = browser.findElement(By.id("timeline"));
      wait.until(b -> dialog.isDisplayed() && "true".equals(dialog.getAttribute("data-loaded")));
      assertThat(dialog.findElement(By.id("timeline-title")).getText()).startsWith(busiest.path("name").asText());
      awaitTimeline(wait, browser, simulator, id, false);
      // one stacked bar: the spans side by side, in time order, filling it
      Map<String, Object> bar = script(browser,
          "const segs = [...document.querySelectorAll('#timeline-bar .segment')].map(s => s.getBoundingClientRect());"
              + " const bar = document.getElementById('timeline-bar').getBoundingClientRect();"
              + " return {first: segs[0].left - bar.left, last: bar.right - segs[segs.length - 1].right,"
              + " ordered: segs.every((s, i) => i === 0 || s.left >= segs[i - 1].left)};");
      assertThat(((Number) bar.get("first")).doubleValue()).isCloseTo(0, org.assertj.core.data.Offset.offset(1.0));
      assertThat(((Number) bar.get("last")).doubleValue()).isCloseTo(0, org.assertj.core.data.Offset.offset(2.0));
      assertThat(bar.get("ordered")).isEqualTo(true);
      Map<String, Object> counts = script(browser, "return {rows: document.querySelectorAll('#timeline-spans tr').length,"
          + " segments: document.querySelectorAll('#timeline-bar .segment').length};");
      assertThat(counts.get("rows")).as("the table lists the bar's spans").isEqualTo(counts.get("segments"));

      // the agent's day goes on while the dialog is open: it follows
      simulator.traffic().step(60);
      awaitTimeline(wait, browser, simulator, id, false);

      // Escape closes it; Enter on a focused tile opens it again (a keyboard is enough)
      dialog.sendKeys(Keys.ESCAPE);
      wait.until(b -> !dialog.isDisplayed());
      WebElement tile = browser.findElement(By.cssSelector(".tile[data-extension-id='" + id + "']"));
      assertThat(tile.getAttribute("role")).isEqualTo("button");
      assertThat(tile.getAttribute("tabindex")).isEqualTo("0");
      tile.sendKeys(Keys.ENTER);
      wait.until(b -> dialog.isDisplayed() && "true".equals(dialog.getAttribute("data-loaded")));
      // the spans and figures are the simulator's truth, and so is the board around the dialog
      awaitTimeline(wait, browser, simulator, id, true);
      awaitAgreement(wait, browser, simulator, true);
      assertNoScriptErrors(browser);
    }
  }

  @Test
  void withTheViewOffThePageIsThePresenceWallboardAndTurnsItOnWhenTheDaemonHasIt() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse(
        "source: {simulator: {extensions: 4, eventsPerSecond: 0, seed: 1}}\nserver: {port: 0, sse: {retry: 500ms}}\n"
            + "contactCentre: {enabled: false}", "off", Map.of()));
    int port = daemon.url().getPort();
    try (HeadlessChromium chromium = HeadlessChromium.start(1200, 800)) {
      ChromeDriver browser = chromium.driver();
      browser.get(daemon.url().toString());
      WebDriverWait wait = boardLoaded(browser, 4);
      assertThat(mode(browser)).isEqualTo("presence");
      assertThat(browser.findElement(By.id("queue-strip")).isDisplayed()).isFalse();
      assertThat(browser.findElements(By.cssSelector("footer .legend li"))).extracting(WebElement::getText)
          .containsExactly("Available", "Busy", "Busy, on a call", "Do not disturb", "Invisible / offline", "Ringing");
      assertThat(tiles(browser)).allSatisfy(t -> assertThat(t.get("state")).isEqualTo(""));

      // the same address, now with the view: the page finds it on its own after reconnecting
      daemon.shutdown(Duration.ofSeconds(20));
      daemon = null;
      RingCentralSimulator simulator = startOffice(4, 1, port, "sse: {retry: 500ms}");
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "contact-centre".equals(mode(browser)));
      assertThat(browser.findElements(By.cssSelector("footer .legend li"))).extracting(WebElement::getText)
          .containsExactlyElementsOf(LEGEND);
      awaitAgreement(wait, browser, simulator);
      assertNoScriptErrors(browser);
    }
  }

  /**
   * The README's pictures of the contact-centre view: the compact view of 200 agents, the normal view, and
   * an agent's day. Runs only when asked: {@code mvn -q -o test
   * -Dtest='WallboardContactCentreIT#writesTheScreenshots' -Dwallboard.ccScreenshots=docs}.
   */
  @Test
  void writesTheScreenshots() throws Exception {
    String target = System.getProperty("wallboard.ccScreenshots");
    Assumptions.assumeTrue(target != null, "set -Dwallboard.ccScreenshots=docs to write them");
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 200, eventsPerSecond: 0, seed: 42}}
        server: {port: 0}
        contactCentre:
          enabled: true
          alerts:
            - {name: long-ring, rule: call.ringing, longerThan: 5s}
            - {name: long-wait, rule: queue.wait, longerThan: 20s, severity: critical}
            - {name: missed, rule: call.missed, severity: info}
        """, "screenshots", Map.of()));
    DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(60), () -> daemon.states().size() == 200);
    RingCentralSimulator simulator = daemon.simulator().orElseThrow();
    try (HeadlessChromium chromium = HeadlessChromium.start(1920, 1080)) {
      ChromeDriver browser = chromium.viewport(1920, 1080).driver();
      browser.get(daemon.url() + "?view=compact");
      WebDriverWait wait = boardLoaded(browser, 200);
      // a busy moment, after a minute of traffic (days with some history): calls waiting, agents in many
      // states, alerts open
      long started = System.currentTimeMillis();
      WebDriverWait busy = new WebDriverWait(browser, Duration.ofSeconds(240));
      busy.pollingEvery(Duration.ofMillis(500));
      busy.until(b -> {
        simulator.traffic().step(5);
        return System.currentTimeMillis() - started > 60_000
            && b.findElements(By.cssSelector(".queue:not([data-waiting='0'])")).size() >= 1
            && b.findElements(By.cssSelector(".tile.state-oncall, .tile.state-onhold")).size() >= 4
            && b.findElements(By.cssSelector(".tile.state-ringing")).size() >= 1
            && b.findElements(By.cssSelector(".tile.state-wrapup")).size() >= 1
            && b.findElements(By.cssSelector(".alert")).size() >= 1;
      });
      Thread.sleep(1500); // the page applies the last steps' events
      screenshot(browser, Path.of(target, "wallboard-contact-centre-compact.png"));

      browser.get(daemon.url() + "?view=normal&queue=*&sort=status"); // the agents, by state
      boardLoaded(browser, 200);
      wait.until(b -> b.findElement(By.id("queue-strip")).isDisplayed());
      Thread.sleep(1000);
      screenshot(browser, Path.of(target, "wallboard-contact-centre.png"));
      // the agent of a queue whose day has the most states, as the daemon has it
      String busiest = null;
      int most = -1;
      for (Map<String, Object> tile : tiles(browser)) {
        if (((String) tile.get("state")).isEmpty()) {
          continue;
        }
        String id = (String) tile.get("id");
        HttpResponse<String> day = HTTP.send(HttpRequest.newBuilder(daemon.url().resolve("/api/agents/" + id + "/timeline")).build(),
            HttpResponse.BodyHandlers.ofString());
        int spans = day.statusCode() == 200 ? JSON.readTree(day.body()).path("timeline").size() : 0;
        if (spans > most) {
          most = spans;
          busiest = id;
        }
      }
      browser.findElement(By.cssSelector(".tile[data-extension-id='" + busiest + "']")).click();
      WebElement dialog = browser.findElement(By.id("timeline"));
      wait.until(b -> dialog.isDisplayed() && "true".equals(dialog.getAttribute("data-loaded")));
      screenshot(browser, Path.of(target, "wallboard-timeline.png"));
    }
  }

  // ------------------------------------------------------------------------------------------------

  private RingCentralSimulator startOffice(int extensions, long seed, int port, String serverExtra) {
    daemon = Daemon.start(DaemonConfig.parse(
        ("source: {simulator: {extensions: %d, eventsPerSecond: 0, seed: %d}}\nserver: {port: %d%s}\n"
            + "contactCentre: {enabled: true, wrapUp: 2s, timeZone: UTC}")
            .formatted(extensions, seed, port, serverExtra.isEmpty() ? "" : ", " + serverExtra), "test", Map.of()));
    DaemonEndToEndIT.awaitTrue("the initial snapshot", Duration.ofSeconds(60), () -> daemon.states().size() == extensions);
    RingCentralSimulator simulator = daemon.simulator().orElseThrow();
    // no bursts: calls presence never lists are not counted by the view (docs/contact-centre.md, "Known limits")
    simulator.traffic().bursts(false);
    return simulator;
  }

  /** Every tile there, named, the stream connected. */
  private static WebDriverWait boardLoaded(ChromeDriver browser, int extensions) {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.pollingEvery(Duration.ofMillis(200));
    wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == extensions);
    wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
    wait.until(b -> b.findElements(By.cssSelector(".tile .number .ext")).size() == extensions);
    return wait;
  }

  /**
   * What the page shows or a JSON body says of one agent, queue or span: the part compared exactly, and its
   * instants (ms since the epoch, null for none), compared within a tolerance.
   */
  private record Row(String exact, List<Long> instants) {}

  /**
   * Waits until the page shows exactly what the daemon's API says (its own job: every event applied, no
   * figure lost), and the daemon's view agrees with the simulator's truth as {@link DaemonContactCentreTruthIT}
   * defines it: states, flags and counts exactly, instants within {@link DaemonContactCentreTruthIT#TOLERANCE}
   * (the daemon's are its receive times). Both are read again on every try (a wrap-up's end and a queue
   * call's grace move them with time alone). Returns the truth.
   */
  private JsonNode awaitAgreement(WebDriverWait wait, ChromeDriver browser, RingCentralSimulator simulator) {
    return awaitAgreement(wait, browser, simulator, true);
  }

  /** As above; without {@code withTruth} only the page against the daemon (the page's own job), returning the truth still. */
  private JsonNode awaitAgreement(WebDriverWait wait, ChromeDriver browser, RingCentralSimulator simulator, boolean withTruth) {
    JsonNode[] truth = {null};
    List<String> last = new ArrayList<>(List.of("not compared yet"));
    try {
      wait.until(b -> {
        truth[0] = truth(simulator);
        JsonNode agents = api("/api/agents");
        JsonNode queues = api("/api/queues");
        List<String> differences = new ArrayList<>();
        differences.addAll(differences("agent, page vs daemon", pageAgents(browser), agentRows(agents), 0));
        differences.addAll(differences("queue, page vs daemon", pageQueues(browser), queueRows(queues), 0));
        if (withTruth) {
          differences.addAll(differences("agent, daemon vs truth", agentRows(agents), agentRows(truth[0].path("agents")), TOLERANCE_MS));
          differences.addAll(differences("queue, daemon vs truth", queueRows(queues), queueRows(truth[0].path("queues")), TOLERANCE_MS));
        }
        last.clear();
        last.addAll(differences);
        return differences.isEmpty();
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the page, the daemon and the truth never agreed; last differences:\n  "
          + String.join("\n  ", last), e);
    }
    return truth[0];
  }

  /** The open dialog's spans and figures: the daemon's timeline exactly, the truth's within the tolerance. */
  private void awaitTimeline(WebDriverWait wait, ChromeDriver browser, RingCentralSimulator simulator, String id) {
    awaitTimeline(wait, browser, simulator, id, true);
  }

  private void awaitTimeline(WebDriverWait wait, ChromeDriver browser, RingCentralSimulator simulator, String id, boolean withTruth) {
    List<String> last = new ArrayList<>(List.of("not compared yet"));
    try {
      wait.until(b -> {
        JsonNode truthDay = agents(truth(simulator)).stream().filter(a -> a.path("extensionId").asText().equals(id))
            .findFirst().orElseThrow().path("day");
        JsonNode day = api("/api/agents/" + id + "/timeline");
        // read at once: the dialog redraws itself on each re-read
        Map<String, Object> shown = script(browser,
            "const figure = (name) => document.querySelector('#timeline-figures [data-figure=\"' + name + '\"]');"
                + " return {segments: [...document.querySelectorAll('#timeline-bar .segment')].map(s => ({state: s.dataset.state,"
                + " onQueue: s.dataset.onQueue, start: s.dataset.start, end: s.dataset.end})),"
                + " figures: figure('Handled') && figure('Missed') ? figure('Handled').textContent + '/' + figure('Missed').textContent : ''};");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> segments = (List<Map<String, Object>>) shown.get("segments");
        Map<String, Row> page = new TreeMap<>();
        for (int i = 0; i < segments.size(); i++) {
          Map<String, Object> s = segments.get(i);
          page.put(String.format("%03d", i), new Row(s.get("state") + "/" + s.get("onQueue"),
              instants(millis((String) s.get("start")), millis((String) s.get("end")))));
        }
        page.put("figures", new Row((String) shown.get("figures"), List.of()));
        List<String> differences = new ArrayList<>();
        differences.addAll(differences("span, page vs daemon", page, spanRows(day), 0));
        if (withTruth) {
          differences.addAll(differences("span, daemon vs truth", firstSeenAsTruth(longSpans(day), longSpans(truthDay)),
              longSpans(truthDay), TOLERANCE_MS));
        }
        last.clear();
        last.addAll(differences);
        return differences.isEmpty();
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("the timeline never agreed; last differences:\n  " + String.join("\n  ", last), e);
    }
  }

  private static final long TOLERANCE_MS = DaemonContactCentreTruthIT.TOLERANCE.toMillis();

  /** One line per difference between {@code a} and {@code b}: other keys, other exact parts, instants too far apart. */
  private static List<String> differences(String what, Map<String, Row> a, Map<String, Row> b, long toleranceMs) {
    List<String> out = new ArrayList<>();
    if (!a.keySet().equals(b.keySet())) {
      out.add(what + ": keys " + a.keySet() + " vs " + b.keySet());
    }
    for (Map.Entry<String, Row> e : a.entrySet()) {
      Row x = e.getValue();
      Row y = b.get(e.getKey());
      if (y == null) {
        continue;
      }
      boolean near = x.instants().size() == y.instants().size();
      for (int i = 0; near && i < x.instants().size(); i++) {
        Long p = x.instants().get(i);
        Long q = y.instants().get(i);
        near = p == null || q == null ? p == q : Math.abs(p - q) <= toleranceMs;
      }
      if (!x.exact().equals(y.exact()) || !near) {
        out.add(what + " " + e.getKey() + ": " + x + " vs " + y);
      }
    }
    return out;
  }

  private JsonNode api(String path) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(daemon.url().resolve(path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("cannot read " + path, e);
    }
  }

  /** The simulator's truth with its agents (AGENT + day) and queues (QUEUE), as its control API serves it. */
  private static JsonNode truth(RingCentralSimulator simulator) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create(simulator.baseUrl() + "/_sim/truth?include=agents,queues")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("cannot read the simulator's truth", e);
    }
  }

  private static List<JsonNode> agents(JsonNode truth) {
    List<JsonNode> agents = new ArrayList<>();
    truth.path("agents").forEach(agents::add);
    return agents;
  }

  /** AGENTs (the daemon's or the truth's) by id: state/onQueue exactly, since within the tolerance. */
  private static Map<String, Row> agentRows(JsonNode agents) {
    Map<String, Row> rows = new TreeMap<>();
    for (JsonNode agent : agents) {
      rows.put(agent.path("extensionId").asText(), new Row(agent.path("state").asText() + "/" + text(agent.path("onQueue")),
          instants(millis(agent.path("since")))));
    }
    return rows;
  }

  /** The tiles with an agent state (a tile without one: no agent state yet, absent from the API too). */
  private static Map<String, Row> pageAgents(ChromeDriver browser) {
    Map<String, Row> rows = new TreeMap<>();
    for (Map<String, Object> tile : tiles(browser)) {
      if (!((String) tile.get("state")).isEmpty()) {
        rows.put((String) tile.get("id"), new Row(tile.get("state") + "/" + tile.get("onQueue"),
            instants(Long.valueOf((String) tile.get("since")))));
      }
    }
    return rows;
  }

  /** QUEUEs by id: waiting, today's service level, agents and figures exactly; longestWaitSince within the tolerance. */
  private static Map<String, Row> queueRows(JsonNode queues) {
    Map<String, Row> rows = new TreeMap<>();
    for (JsonNode q : queues) {
      JsonNode agents = q.path("agents");
      JsonNode today = q.path("today");
      rows.put(q.path("queueId").asText(), new Row(q.path("waiting").asInt() + " SL "
          + fraction(today.path("serviceLevel").isNull() ? "" : today.path("serviceLevel").asText()) + " agents "
          + agents.path("available").asInt() + "/" + agents.path("onCall").asInt() + "/" + agents.path("offQueue").asInt()
          + "/" + agents.path("other").asInt() + " today " + today.path("offered").asInt() + "/" + today.path("answered").asInt()
          + "/" + today.path("abandoned").asInt() + "/" + today.path("overflowed").asInt() + "/"
          + today.path("answeredWithinThreshold").asInt(), instants(millis(q.path("longestWaitSince")))));
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Row> pageQueues(ChromeDriver browser) {
    List<Map<String, Object>> cards = (List<Map<String, Object>>) browser.executeScript(
        "return [...document.querySelectorAll('.queue')].map(c => ({id: c.dataset.queueId, waiting: c.dataset.waiting,"
            + " since: c.dataset.longestWaitSince, sl: c.dataset.serviceLevel, agents: c.dataset.agents, figures: c.dataset.figures}));");
    Map<String, Row> rows = new TreeMap<>();
    for (Map<String, Object> c : cards) {
      String since = (String) c.get("since");
      rows.put((String) c.get("id"), new Row(c.get("waiting") + " SL " + fraction((String) c.get("sl")) + " agents "
          + c.get("agents") + " today " + c.get("figures"), instants(since.isEmpty() ? null : Long.valueOf(since))));
    }
    return rows;
  }

  /** A DAY's spans by position (state/onQueue; start and end) and its handled/missed counts. */
  private static Map<String, Row> spanRows(JsonNode day) {
    Map<String, Row> rows = new TreeMap<>();
    int i = 0;
    for (JsonNode span : day.path("timeline")) {
      rows.put(String.format("%03d", i++), new Row(span.path("state").asText() + "/" + text(span.path("onQueue")),
          instants(millis(span.path("start")), millis(span.path("end")))));
    }
    rows.put("figures", new Row(day.path("handled").asInt() + "/" + day.path("missed").asInt(), List.of()));
    return rows;
  }

  /**
   * A DAY as the daemon and the truth can both be held to: the spans lasting at least the tolerance (and the
   * running one), adjacent ones of the same state merged, and the handled/missed counts. The shorter ones are
   * left out as the instants' tolerance leaves out their boundaries: a simulator stepped at full speed makes
   * spans of milliseconds whose order the daemon's receive times need not keep.
   */
  private static Map<String, Row> longSpans(JsonNode day) {
    List<String[]> kept = new ArrayList<>(); // state/onQueue, start, end
    for (JsonNode span : day.path("timeline")) {
      Long start = millis(span.path("start"));
      Long end = millis(span.path("end"));
      if (end != null && end - start < TOLERANCE_MS) {
        continue;
      }
      String exact = span.path("state").asText() + "/" + text(span.path("onQueue"));
      if (!kept.isEmpty() && kept.get(kept.size() - 1)[0].equals(exact)) {
        kept.get(kept.size() - 1)[2] = end == null ? null : String.valueOf(end);
      } else {
        kept.add(new String[] {exact, String.valueOf(start), end == null ? null : String.valueOf(end)});
      }
    }
    Map<String, Row> rows = new TreeMap<>();
    for (int i = 0; i < kept.size(); i++) {
      String[] k = kept.get(i);
      rows.put(String.format("%03d", i), new Row(k[0], instants(Long.valueOf(k[1]), k[2] == null ? null : Long.valueOf(k[2]))));
    }
    rows.put("figures", new Row(day.path("handled").asInt() + "/" + day.path("missed").asInt(), List.of()));
    return rows;
  }

  /**
   * The daemon's spans with its first span starting when the truth's does, when it starts later: the view's
   * first span of an agent starts when the view saw the agent first (docs/contact-centre.md, "Known limits:
   * Start"), which a loaded machine puts beyond the tolerance; the truth's starts with the office.
   */
  private static Map<String, Row> firstSeenAsTruth(Map<String, Row> daemon, Map<String, Row> truth) {
    Row first = daemon.get("000");
    Row truthFirst = truth.get("000");
    if (first == null || truthFirst == null || !first.exact().equals(truthFirst.exact())
        || first.instants().get(0) == null || truthFirst.instants().get(0) == null
        || first.instants().get(0) < truthFirst.instants().get(0)) {
      return daemon;
    }
    Map<String, Row> out = new TreeMap<>(daemon);
    out.put("000", new Row(first.exact(), instants(truthFirst.instants().get(0), first.instants().get(1))));
    return out;
  }

  private static List<Long> instants(Long... values) {
    return java.util.Arrays.asList(values);
  }

  @SuppressWarnings("unchecked")
  /**
   * The tiles once they stand in {@code order}. A live update changes a tile at once and re-sorts the wall
   * on the next animation frame, so a read between the two can find one tile out of place.
   */
  private static List<Map<String, Object>> tilesOnceIn(
      Comparator<Map<String, Object>> order, WebDriverWait wait, ChromeDriver browser) {
    return wait.until(b -> {
      List<Map<String, Object>> tiles = tiles(browser);
      for (int i = 1; i < tiles.size(); i++) {
        if (order.compare(tiles.get(i - 1), tiles.get(i)) > 0) {
          return null;
        }
      }
      return tiles;
    });
  }

  private static List<Map<String, Object>> tiles(ChromeDriver browser) {
    return (List<Map<String, Object>>) browser.executeScript(
        "return [...document.querySelectorAll('.tile:not([hidden])')].map(t => ({id: t.dataset.extensionId,"
            + " state: t.dataset.state || '', onQueue: t.dataset.onQueue || '', since: t.dataset.since || '',"
            + " name: t.querySelector('.name').textContent, label: t.querySelector('.presence .label').textContent,"
            + " aria: t.getAttribute('aria-label') || ''}));");
  }

  private static Set<String> shownIds(ChromeDriver browser) {
    return tiles(browser).stream().map(t -> (String) t.get("id")).collect(Collectors.toSet());
  }

  private static Set<String> idsWhere(Map<String, String> states, Predicate<String> which) {
    return states.entrySet().stream().filter(e -> which.test(e.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  private static int rank(Map<String, Object> tile) {
    String state = (String) tile.get("state");
    if (state.isEmpty()) {
      return ORDER.size();
    }
    int at = ORDER.indexOf(state.equals("Available") ? "Available/" + !"false".equals(tile.get("onQueue")) : state);
    return at < 0 ? ORDER.size() : at;
  }

  private static long since(Map<String, Object> tile) {
    String since = (String) tile.get("since");
    return since.isEmpty() ? Long.MAX_VALUE : Long.parseLong(since);
  }

  private static String label(String state, String onQueue) {
    return switch (state) {
      case "Available" -> "false".equals(onQueue) ? "Off queue" : "Available";
      case "OnCall" -> "On call";
      case "OnHold" -> "On hold";
      case "WrapUp" -> "Wrap-up";
      case "InMeeting" -> "In a meeting";
      case "DoNotDisturb" -> "Do not disturb";
      default -> state;
    };
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? "" : value.asText();
  }

  private static Long millis(JsonNode instant) {
    return millis(text(instant));
  }

  private static Long millis(String instant) {
    return instant == null || instant.isEmpty() ? null : Instant.parse(instant).toEpochMilli();
  }

  private static String fraction(String value) {
    return value == null || value.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "%.4f", Double.parseDouble(value));
  }

  private static String mode(ChromeDriver browser) {
    return (String) browser.executeScript("return document.documentElement.dataset.mode;");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> script(ChromeDriver browser, String script) {
    return (Map<String, Object>) browser.executeScript(script);
  }

  private static long number(Map<String, Object> values, String key) {
    return Math.round(((Number) values.get(key)).doubleValue());
  }

  private static void assertNoScriptErrors(ChromeDriver browser) {
    assertThat(browser.manage().logs().get("browser").getAll())
        .as("no JavaScript errors").noneMatch(entry -> entry.getMessage().contains("Uncaught"));
  }

  private static void screenshot(ChromeDriver browser, Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }
}
