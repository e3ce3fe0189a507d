package dev.tweetox.serving;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tweetox.calibration.Calibration;
import dev.tweetox.calibration.Decision;
import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in Debian's headless Chromium against the real server, a keyword model standing in for BERT
 * ({@link FakeClassifier}) with a flag rule (negative at 0.6) and {@code POST /v1/explain}: the server, the browser
 * and helpers shared by the page's browser tests. They skip when Chromium is not installed, except under
 * {@code CI=true}, where they fail instead.
 */
@Tag("browser")
abstract class PageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Two texts a request, so the four scorable rows of the fixture take two requests. */
  static final ServerConfig LIMITS = ServerConfig.defaults(0).withLimits(2, 256 * 1024, 8);

  /** Quotes, an escaped quote, a newline inside quotes, an empty text; the text column is found by its name. */
  static final String FIXTURE = "id,clean_text,source\r\n"
      + "1,\"I love this, truly\",web\r\n"
      + "2,\"she said \"\"I hate it\"\"\",app\r\n"
      + "3,\"the bus\nis late\",web\r\n"
      + "4,love it,app\r\n"
      + "5,,web\r\n";

  @TempDir static Path temp;
  static Path downloads;
  static PredictionServer server;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; apt-get install chromium chromium-driver");
    }
    assumeTrue(installed, "skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install -y"
        + " chromium chromium-driver)");
    Path model = Files.createDirectories(temp.resolve("model"));
    Files.writeString(model.resolve("metrics.json"), "{\"transformer\": {\"val\": {\"macro_f1\": 0.8, \"accuracy\":"
        + " 0.81}, \"test\": {\"macro_f1\": 0.75, \"accuracy\": 0.77}}}");
    Files.writeString(model.resolve("provenance.json"), "{\"dataSource\": \"bundled:tweet-sentiment\"}");
    // T = 1 keeps the keyword model's probabilities as they are; "hate" rows (P(negative) 0.8) are flagged.
    OperatingPoint point = new OperatingPoint(Calibration.temperature(1.0), new Decision(0, "negative", 0.6));
    server = PredictionServer.start(new Predictor(new FakeClassifier(), new TextCleaner(CleaningConfig.defaults()),
        point),
        ModelInfo.read(model, ModelKind.TRANSFORMER, Precision.FP32, LabelSet.sentiment()), LIMITS);
    downloads = Files.createDirectories(temp.resolve("downloads"));
    // Explicit driver and browser paths, so Selenium Manager never looks anything up online.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--disable-dev-shm-usage", "--user-data-dir=" + temp.resolve("profile").toAbsolutePath(),
        "--window-size=1200,900");
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
        "download.prompt_for_download", false));
    driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
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

  @AfterEach
  void desktopWidth() {
    driver.manage().window().setSize(new Dimension(1200, 900));
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  void open() {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("model-line"), "labels: negative"));
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  String activeId() {
    return driver.switchTo().activeElement().getAttribute("id");
  }

  Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}
