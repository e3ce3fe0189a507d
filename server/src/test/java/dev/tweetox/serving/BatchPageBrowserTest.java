package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Many tweets: pasted lines, CSV and JSON-lines files scored in batches, the scored CSV downloaded and read back,
 * cancel, a busy server, a server without flags, and the page's CSV reader and writer.
 */
class BatchPageBrowserTest extends PageBrowserTest {
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
        + " return new Response(JSON.stringify(b),"
        + " {status: r.status, headers: {'Content-Type': 'application/json'}}); };");
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
    assertThat(Files.readString(scored).lines().findFirst())
        .contains("text,label,confidence,p_negative,p_neutral,p_positive");
  }

  @Test
  void uploadingACsvScoresItAndDownloadsTheScoredCsv() throws Exception {
    Path csv = Files.writeString(temp.resolve("day.csv"), FIXTURE);
    open();
    driver.findElement(By.id("file-input")).sendKeys(csv.toAbsolutePath().toString());
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("file-go")));
    assertThat(driver.findElement(By.id("text-column")).getAttribute("value")).isEqualTo("clean_text");
    assertThat(text("file-info")).isEqualTo("day.csv: 5 rows, columns id, clean_text, source");
    driver.findElement(By.id("file-go")).click();
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"),
        "Done: scored 4 tweets"));
    assertThat(driver.findElement(By.id("progress")).getAttribute("value")).isEqualTo("4");
    assertThat(driver.findElement(By.id("progress-box")).isDisplayed()).as("progress bar and cancel, once done")
        .isFalse();
    List<WebElement> rows = driver.findElements(By.cssSelector("#batch-body tr"));
    assertThat(rows).extracting(r -> r.findElements(By.tagName("td")).get(2).getText())
        .containsExactly("positive", "negative", "neutral", "positive", "empty text");
    assertThat(rows.get(2).findElements(By.tagName("td")).get(1).getText()).isEqualTo("the bus\nis late");
    assertThat(text("batch-summary"))
        .isEqualTo("4 of 5 rows scored; 1 flagged (flagged when P(negative) \u2265 0.60).");
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
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
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
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"),
        "Done: scored 2 tweets"));
    assertThat(driver.findElements(By.cssSelector("#batch-body tr")))
        .extracting(r -> r.findElements(By.tagName("td")).get(2).getText()).containsExactly("negative", "positive");
  }

  @Test
  void theCsvReaderAndWriterRoundTripQuotesSemicolonsAndABom() {
    open();
    // A byte-order mark, semicolons, a quoted field holding the delimiter, escaped quotes and a line break.
    @SuppressWarnings("unchecked")
    List<Object> got = (List<Object>) js("const F = window.tweetoxFiles;"
        + "const r = F.parse('a.csv', '\\ufeffid;Tweet\\r\\n1;\"a;b \"\"q\"\"\\nline\"\\r\\n2;plain');"
        + "const out = F.toCsv(r.columns, r.rows);"
        + "return [r.columns.join('|'), r.rows[0].Tweet, r.rows[1].Tweet, F.guessTextColumn(r.columns), out,"
        + " JSON.stringify(F.parseCsv(out).rows) === JSON.stringify(r.rows)];");
    assertThat(got).containsExactly("id|Tweet", "a;b \"q\"\nline", "plain", "Tweet",
        "id,Tweet\r\n1,\"a;b \"\"q\"\"\nline\"\r\n2,plain\r\n", true);
  }

  @Test
  void downloadedTextsCannotRunAsSpreadsheetFormulas() {
    open();
    // the CSV's lines (split on CRLF), as WebDriver hands back a bare string's line ends unreliably
    @SuppressWarnings("unchecked")
    List<Object> got = (List<Object>) js("const out = window.tweetoxFiles.toCsv(['text', 'label', 'p'], ["
        + "{text: '=HYPERLINK(\"http://x\")', label: '-1', p: '0.25'}, {text: '@user hi', label: '1', p: '1e-3'},"
        + "{text: '-5 degrees today', label: '0', p: '+2'}, {text: 'fine =)', label: '0', p: '0'}]);"
        + "return out.split('\\r\\n');");
    assertThat(got).containsExactly("text,label,p", "\"'=HYPERLINK(\"\"http://x\"\")\",-1,0.25",
        "'@user hi,1,1e-3", "'-5 degrees today,0,+2", "fine =),0,0", "");
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
}
