package dev.tweetox.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** One tweet with its highlighted words, the model card, phone width and keyboard-only use. */
class ServePageBrowserTest extends PageBrowserTest {
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
    assertThat(driver.findElement(By.id("single-flag")).getAttribute("title"))
        .isEqualTo("flagged when P(negative) \u2265 0.60");
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
        + " parseFloat(m[0].style.getPropertyValue('--strength'))"
        + " > parseFloat(m[1].style.getPropertyValue('--strength'))];");
    assertThat(got).containsExactly("good but bad!", 2L, "w w-pro", "good: +0.400 towards positive", "solid",
        "w w-con", "bad!: \u22120.200 away from positive", "dashed", "underline", true);
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
}
