package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard of a daemon with two simulated accounts, in a real browser: every account's extensions
 * together by default, one account's alone with {@code ?account=} in the page's URL.
 */
@Timeout(180)
class WallboardAccountsIT {

  private Daemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
  }

  @Test
  void showsEveryAccountTogetherOrOneAccountAloneByItsUrl() throws Exception {
    try (HeadlessChromium chromium = HeadlessChromium.start(1600, 1000)) {
      daemon = Daemon.start(DaemonConfig.parse("""
          sources:
            - name: east
              simulator: {extensions: 3, eventsPerSecond: 0, seed: 1}
            - name: west
              simulator: {extensions: 4, eventsPerSecond: 0, seed: 2}
          server: {port: 0}
          contactCentre: {enabled: false}
          """, "test", Map.of()));
      DaemonEndToEndIT.awaitTrue("both accounts' states", Duration.ofSeconds(60), () -> daemon.states().size() == 7);
      ChromeDriver browser = chromium.driver();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

      browser.get(daemon.url().toString());
      wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == 7);

      browser.get(daemon.url() + "?account=37439511");
      wait.until(b -> "connected".equals(b.findElement(By.id("connection")).getAttribute("data-state")));
      wait.until(b -> b.findElements(By.cssSelector(".tile")).size() == 4);
      long before = Long.parseLong(browser.findElement(By.id("event-count")).getText());
      daemon.simulators().get("east").traffic().step(30);
      daemon.simulators().get("west").traffic().step(30);
      wait.until(b -> Long.parseLong(b.findElement(By.id("event-count")).getText()) > before);
      assertThat(browser.findElements(By.cssSelector(".tile"))).as("west's extensions only").hasSize(4);
      assertThat(browser.manage().logs().get("browser").getAll())
          .as("no JavaScript errors").noneMatch(entry -> entry.getMessage().contains("Uncaught"));
    }
  }
}
