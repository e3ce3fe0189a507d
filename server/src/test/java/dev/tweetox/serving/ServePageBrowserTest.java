package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in Debian's headless Chromium against the real server (a keyword model stands in for BERT): type a
 * tweet, upload a CSV and download the scored file, read the model card, use it at phone width and by keyboard
 * alone. Skips when Chromium is not installed, except under {@code CI=true}, where it fails instead.
 */
@Tag("browser")
class ServePageBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Two texts a request, so the four scorable rows of the fixture take two requests. */
  static final ServerConfig LIMITS = ServerConfig.defaults(0).withLimits(2, 256 * 1024, 8);

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

  @Test
  void typingATweetShowsTheLabelAndOneBarPerClass() {
    open();
    driver.findElement(By.id("single-text")).sendKeys("I love this new phone");
    driver.findElement(By.id("single-go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("single-label")));
    assertThat(text("single-label")).isEqualTo("positive");
    List<WebElement> bars = driver.findElements(By.cssSelector("#single-bars .bar-row"));
    assertThat(bars).extracting(b -> b.getAttribute("data-label")).containsExactly("negative", "neutral", "positive");
    assertThat(bars.get(2).findElement(By.className("prob")).getText()).isEqualTo("70.0%");
    assertThat(text("single-flag")).isEqualTo("not flagged");
    assertThat(driver.findElement(By.id("single-flag")).getAttribute("title")).isEqualTo("flagged when P(negative) \u2265 0.60");
    // Occlusion on the keyword model: only "love" moves P(positive), by 0.7 - 0.25.
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("single-explain")));
    assertThat(text("single-words")).isEqualTo("I love this new phone");
    List<WebElement> marks = driver.findElements(By.cssSelector("#single-words mark"));
    assertThat(marks).extracting(WebElement::getText).containsExactly("I", "love", "this", "new", "phone");
    assertThat(marks.get(1).getAttribute("class")).isEqualTo("w w-pro");
    assertThat(marks.get(1).getAttribute("title")).isEqualTo("love: +0.450 towards positive");
    assertThat(marks.get(1).getCssValue("text-decoration-line")).isEqualTo("underline");
    assertThat(marks.stream().filter(m -> m != marks.get(1))).allMatch(m -> m.getAttribute("class").equals("w w-zero"));
    assertThat(text("single-top")).isEqualTo("Towards positive: \u201clove\u201d +0.450. Away from it: none.");
  }

  @Test
  void highlightsShowDirectionByUnderlineAndTitleNotColourAlone() {
    open();
    @SuppressWarnings("unchecked")
    List<Object> got = (List<Object>) js("const p = document.createElement('p'); document.body.append(p);"
        + "window.tweetoxWords.highlight(p, 'good but bad!', [{word: 'good', start: 0, end: 4, score: 0.4},"
        + " {word: 'bad!', start: 9, end: 13, score: -0.2}, {word: 'junk', start: 40, end: 44, score: 1}],"
        + " 'positive');"
        + "const m = p.querySelectorAll('mark'); const s = (e) => getComputedStyle(e);"
        + "return [p.textContent, m.length, m[0].className, m[0].title, s(m[0]).textDecorationStyle,"
        + " m[1].className, m[1].title, s(m[1]).textDecorationStyle, s(m[1]).textDecorationLine,"
        + " parseFloat(m[0].style.getPropertyValue('--strength')) > parseFloat(m[1].style.getPropertyValue('--strength'))];");
    assertThat(got).containsExactly("good but bad!", 2L, "w w-pro", "good: +0.400 towards positive", "solid",
        "w w-con", "bad!: \u22120.200 away from positive", "dashed", "underline", true);
  }

  @Test
  void pastingLinesShowsATable() {
    open();
    driver.findElement(By.id("batch-text")).sendKeys("i hate rain\nthe bus is late\n\nlove it");
    driver.findElement(By.id("batch-go")).click();
    waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#batch-body tr"), 3));
    List<WebElement> rows = driver.findElements(By.cssSelector("#batch-body tr"));
    assertThat(rows).extracting(r -> r.findElements(By.tagName("td")).get(2).getText())
        .containsExactly("negative", "neutral", "positive");
    assertThat(rows.get(0).findElements(By.tagName("td")).get(3).getText()).isEqualTo("80.0%");
  }

  @Test
  void aBusyServerIsRetriedAfterItsRetryAfter() {
    open();
    // The page's own fetch answers the first two predictions with 503, as an overloaded server would.
    js("const real = window.fetch; window.busyAnswers = 0;"
        + "window.fetch = (url, opts) => url === '/v1/predict' && window.busyAnswers < 2"
        + " ? (window.busyAnswers++, Promise.resolve(new Response('{\"message\": \"queue full\"}',"
        + " {status: 503, headers: {'Retry-After': '0'}}))) : real(url, opts);");
    driver.findElement(By.id("batch-text")).sendKeys("i hate rain\nlove it\nthe bus is late");
    driver.findElement(By.id("batch-go")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: scored 3"));
    assertThat(((Number) js("return window.busyAnswers;")).intValue()).isEqualTo(2);
    assertThat(driver.findElements(By.cssSelector("#batch-body tr")))
        .extracting(r -> r.findElements(By.tagName("td")).get(2).getText())
        .containsExactly("negative", "positive", "neutral");
    assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
  }

  @Test
  void cancellingStopsTheBatchAndKeepsWhatWasScored() {
    open();
    // Predictions that never answer until cancelled, as with a stuck server.
    js("const real = window.fetch; window.fetch = (url, opts) => url !== '/v1/predict' ? real(url, opts)"
        + " : new Promise((resolve, reject) => opts.signal.addEventListener('abort',"
        + " () => reject(new DOMException('cancelled', 'AbortError'))));");
    driver.findElement(By.id("batch-text")).sendKeys("i hate rain\nlove it\nthe bus is late");
    driver.findElement(By.id("batch-go")).click();
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
    waiting().until(ExpectedConditions.textToBe(By.id("progress-text"), "Cancelled after 0 of 3 tweets."));
    assertThat(driver.findElements(By.cssSelector("#batch-body tr")))
        .extracting(r -> r.findElements(By.tagName("td")).get(2).getText()).containsOnly("not scored");
    assertThat(text("download")).isEqualTo("Download partial CSV");
    assertThat(driver.findElement(By.id("batch-go")).isEnabled()).isTrue();
  }

  @Test
  void predictionsWithoutFlagsShowNoFlagMarksAndNoFlaggedColumn() throws Exception {
    open();
    // An older server: its predictions carry no "flagged" and its answers no "decision".
    js("const real = window.fetch; window.fetch = async (url, opts) => { const r = await real(url, opts);"
        + " if (url !== '/v1/predict') return r; const b = await r.json(); delete b.decision;"
        + " b.predictions.forEach((p) => delete p.flagged);"
        + " return new Response(JSON.stringify(b), {status: r.status, headers: {'Content-Type': 'application/json'}}); };");
    driver.findElement(By.id("single-text")).sendKeys("i hate mondays", Keys.ENTER);
    waiting().until(ExpectedConditions.textToBe(By.id("single-label"), "negative"));
    assertThat(driver.findElement(By.id("single-flag")).isDisplayed()).isFalse();
    Path csv = Files.writeString(temp.resolve("old.csv"), "text\ni hate rain\nlove it\n");
    driver.findElement(By.id("file-input")).sendKeys(csv.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("file-go"))).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: scored 2"));
    assertThat(driver.findElements(By.cssSelector("#batch-head th"))).extracting(WebElement::getText)
        .containsExactly("#", "text", "label", "negative", "neutral", "positive", "");
    assertThat(driver.findElements(By.cssSelector("td.flag-cell"))).isEmpty();
    assertThat(text("batch-summary")).isEqualTo("2 of 2 rows scored.");
    driver.findElement(By.id("download")).click();
    Path scored = downloads.resolve("old.scored.csv");
    waiting().until(d -> Files.isRegularFile(scored) && !Files.exists(downloads.resolve("old.scored.csv.crdownload")));
    assertThat(Files.readString(scored).lines().findFirst()).contains("text,label,confidence,p_negative,p_neutral,p_positive");
  }

  @Test
  void anEmptyTweetShowsAMessageInsteadOfCallingTheServer() {
    open();
    driver.findElement(By.id("single-go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(text("error")).isEqualTo("Type a tweet first.");
  }

  @Test
  void theModelCardShowsDataLabelsAndHeldOutMetrics() {
    open();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("card")));
    assertThat(driver.findElement(By.cssSelector("#card-facts dd[data-fact='model']")).getText())
        .isEqualTo("transformer, fp32");
    assertThat(driver.findElement(By.cssSelector("#card-facts dd[data-fact='data']")).getText())
        .isEqualTo("tweet-sentiment");
    assertThat(driver.findElement(By.cssSelector("#card-facts dd[data-fact='labels']")).getText())
        .isEqualTo("negative, neutral, positive");
    assertThat(driver.findElement(By.cssSelector("#card-facts dd[data-fact='probabilities']")).getText())
        .isEqualTo("calibrated on validation (temperature, T = 1.00)");
    assertThat(driver.findElement(By.cssSelector("#card-facts dd[data-fact='flag rule']")).getText())
        .isEqualTo("flagged when P(negative) \u2265 0.60");
    assertThat(driver.findElement(By.cssSelector("tr[data-split='val'] td[data-metric='macro_f1']")).getText())
        .isEqualTo("0.800");
    assertThat(driver.findElement(By.cssSelector("tr[data-split='test'] td[data-metric='macro_f1']")).getText())
        .isEqualTo("0.750");
    assertThat(driver.findElement(By.cssSelector("tr[data-split='test'] td[data-metric='accuracy']")).getText())
        .isEqualTo("0.770");
  }

  /** Quotes, an escaped quote, a newline inside quotes, an empty text; the text column is found by its name. */
  static final String FIXTURE = "id,clean_text,source\r\n"
      + "1,\"I love this, truly\",web\r\n"
      + "2,\"she said \"\"I hate it\"\"\",app\r\n"
      + "3,\"the bus\nis late\",web\r\n"
      + "4,love it,app\r\n"
      + "5,,web\r\n";

  @Test
  void uploadingACsvScoresItAndDownloadsTheScoredCsv() throws Exception {
    Path csv = Files.writeString(temp.resolve("day.csv"), FIXTURE);
    open();
    driver.findElement(By.id("file-input")).sendKeys(csv.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("file-go")));
    assertThat(driver.findElement(By.id("text-column")).getAttribute("value")).isEqualTo("clean_text");
    assertThat(text("file-info")).isEqualTo("day.csv: 5 rows, columns id, clean_text, source");
    driver.findElement(By.id("file-go")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: scored 4 tweets"));
    assertThat(driver.findElement(By.id("progress")).getAttribute("value")).isEqualTo("4");
    assertThat(driver.findElement(By.id("progress-box")).isDisplayed()).as("progress bar and cancel, once done").isFalse();
    List<WebElement> rows = driver.findElements(By.cssSelector("#batch-body tr"));
    assertThat(rows).extracting(r -> r.findElements(By.tagName("td")).get(2).getText())
        .containsExactly("positive", "negative", "neutral", "positive", "empty text");
    assertThat(rows.get(2).findElements(By.tagName("td")).get(1).getText()).isEqualTo("the bus\nis late");
    assertThat(text("batch-summary")).isEqualTo("4 of 5 rows scored; 1 flagged (flagged when P(negative) \u2265 0.60).");
    assertThat(rows).extracting(r -> r.findElement(By.cssSelector("td.flag-cell")).getText())
        .containsExactly("", "\u2691 flagged", "", "", "");
    assertThat(rows).extracting(r -> r.getAttribute("class")).containsExactly("", "flagged", "", "", "");
    // A row's explain button highlights that row's words in a row below it.
    WebElement explain = rows.get(1).findElement(By.cssSelector("button.explain"));
    explain.click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#batch-body tr.explain-row mark")));
    assertThat(explain.getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(driver.findElements(By.cssSelector("#batch-body tr.explain-row mark.w-pro")))
        .extracting(WebElement::getText).containsExactly("hate");
    assertThat(rows.get(0).findElements(By.cssSelector("button.explain"))).hasSize(1);
    assertThat(rows.get(4).findElements(By.cssSelector("button.explain"))).isEmpty();

    driver.findElement(By.id("download")).click();
    Path scored = downloads.resolve("day.scored.csv");
    waiting().until(d -> Files.isRegularFile(scored) && !Files.exists(downloads.resolve("day.scored.csv.crdownload")));
    List<CSVRecord> out;
    try (CSVParser p = CSVParser.parse(new StringReader(Files.readString(scored, StandardCharsets.UTF_8)),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build())) {
      assertThat(p.getHeaderNames()).containsExactly("id", "clean_text", "source", "label", "confidence",
          "p_negative", "p_neutral", "p_positive", "flagged", "error");
      out = p.getRecords();
    }
    assertThat(out).extracting(r -> r.get("id")).containsExactly("1", "2", "3", "4", "5");
    assertThat(out).extracting(r -> r.get("clean_text")).containsExactly("I love this, truly",
        "she said \"I hate it\"", "the bus\nis late", "love it", "");
    assertThat(out).extracting(r -> r.get("label")).containsExactly("positive", "negative", "neutral", "positive", "");
    assertThat(out.get(0).get("confidence")).isEqualTo("0.700000");
    assertThat(out.get(1).get("p_negative")).isEqualTo("0.800000");
    assertThat(out.get(2).get("p_neutral")).isEqualTo("0.500000");
    assertThat(out).extracting(r -> r.get("flagged")).containsExactly("false", "true", "false", "false", "");
    assertThat(out).extracting(r -> r.get("error")).containsExactly("", "", "", "", "empty text");
  }

  @Test
  void aJsonLinesFileIsScoredByItsTextField() throws Exception {
    Path jsonl = Files.writeString(temp.resolve("day.jsonl"),
        "{\"id\": 7, \"text\": \"i hate mondays\"}\n\n{\"id\": 8, \"text\": \"so much love\"}\n");
    open();
    driver.findElement(By.id("file-input")).sendKeys(jsonl.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("file-go")));
    assertThat(driver.findElement(By.id("text-column")).getAttribute("value")).isEqualTo("text");
    driver.findElement(By.id("file-go")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Done: scored 2 tweets"));
    assertThat(driver.findElements(By.cssSelector("#batch-body tr")))
        .extracting(r -> r.findElements(By.tagName("td")).get(2).getText()).containsExactly("negative", "positive");
  }

  @Test
  void aBrokenCsvNamesTheProblem() throws Exception {
    Path csv = Files.writeString(temp.resolve("broken.csv"), "text\n\"never closed\n");
    open();
    driver.findElement(By.id("file-input")).sendKeys(csv.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(text("error")).isEqualTo("broken.csv: the file ends inside a quoted field (a \" is never closed)");
    assertThat(driver.findElement(By.id("file-go")).isEnabled()).isFalse();
  }

  @Test
  void atPhoneWidthNothingScrollsSideways() throws Exception {
    driver.manage().window().setSize(new Dimension(375, 812));
    open();
    assertThat(((Number) js("return window.innerWidth;")).intValue()).isLessThanOrEqualTo(375);
    driver.findElement(By.id("single-text")).sendKeys("I love this new phone and "
        + "averyveryveryverylongwordwithoutanyspacesthatcouldpushthelayoutsidewaysifnotwrapped");
    driver.findElement(By.id("single-go")).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("single-label")));
    Path csv = Files.writeString(temp.resolve("phone.csv"), FIXTURE);
    driver.findElement(By.id("file-input")).sendKeys(csv.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("file-go"))).click();
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-table")));
    assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
        .as("horizontal overflow in px at 375 px").isLessThanOrEqualTo(0);
    // The check can fail: a 600 px wide element does make the page scroll sideways at this width.
    js("const d = document.createElement('div'); d.style.width = '600px'; d.style.height = '1px';"
        + " document.body.append(d);");
    assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
        .isGreaterThan(0);
  }

  @Test
  void theKeyboardAloneClassifiesATweet() {
    open();
    // From the top of the page, the tweet box is the first tab stop.
    keys(Keys.TAB);
    assertThat(activeId()).isEqualTo("single-text");
    keys("i hate mondays", Keys.ENTER);
    waiting().until(ExpectedConditions.textToBe(By.id("single-label"), "negative"));
    assertThat(text("single-flag")).isEqualTo("\u2691 flagged");
    assertThat(driver.findElement(By.id("single-text")).getAttribute("value")).isEqualTo("i hate mondays");

    keys(Keys.chord(Keys.CONTROL, "a"), "love it", Keys.TAB);
    assertThat(activeId()).isEqualTo("single-go");
    keys(Keys.SPACE);
    waiting().until(ExpectedConditions.textToBe(By.id("single-label"), "positive"));
    assertThat(driver.findElement(By.id("single-live")).getAttribute("aria-live")).isEqualTo("polite");
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
