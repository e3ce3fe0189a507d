package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tweetox.data.LabelSet;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in Debian's headless Chromium: type a tweet, click, read the label and bars; paste lines, read the
 * table. Skips when Chromium is not installed, except under {@code CI=true}, where it fails instead.
 */
@Tag("browser")
class ServePageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  static PredictionServer server;
  static WebDriver driver;

  @BeforeAll
  static void start(@TempDir Path profile) {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; apt-get install chromium chromium-driver");
    }
    assumeTrue(installed, "skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install -y"
        + " chromium chromium-driver)");
    server = PredictionServer.start(FakeClassifier.predictor(new FakeClassifier()),
        new ModelInfo(ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment(), "x", Optional.empty(), Optional.empty()),
        ServerConfig.defaults(0));
    // Explicit driver and browser paths, so Selenium Manager never looks anything up online.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.stop();
    }
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @Test
  void typingATweetShowsTheLabelAndOneBarPerClass() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-line"), "labels: negative"));
    driver.findElement(By.id("single-text")).sendKeys("I love this new phone");
    driver.findElement(By.id("single-go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("single-label")));
    assertThat(driver.findElement(By.id("single-label")).getText()).isEqualTo("positive");
    List<WebElement> bars = driver.findElements(By.cssSelector("#single-bars .bar-row"));
    assertThat(bars).extracting(b -> b.getAttribute("data-label")).containsExactly("negative", "neutral", "positive");
    assertThat(bars.get(2).findElement(By.className("prob")).getText()).isEqualTo("70.0%");
  }

  @Test
  void pastingLinesShowsATable() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-line"), "labels:"));
    driver.findElement(By.id("batch-text")).sendKeys("i hate rain\nthe bus is late\n\nlove it");
    driver.findElement(By.id("batch-go")).click();
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#batch-body tr"), 3));
    List<WebElement> rows = driver.findElements(By.cssSelector("#batch-body tr"));
    assertThat(rows).extracting(r -> r.findElements(By.tagName("td")).get(2).getText())
        .containsExactly("negative", "neutral", "positive");
    assertThat(rows.get(0).findElements(By.tagName("td")).get(3).getText()).isEqualTo("80.0%");
  }

  @Test
  void anEmptyTweetShowsAMessageInsteadOfCallingTheServer() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    driver.findElement(By.id("single-go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(driver.findElement(By.id("error")).getText()).isEqualTo("Type a tweet first.");
  }
}
