package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.eval.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  private static final byte[] FAKE_PNG = {(byte) 0x89, 'P', 'N', 'G'};

  @TempDir Path dir;

  @Test
  void escapesEveryTextAndEmbedsImages() throws Exception {
    String tweet = "<script>alert('x')</script> & \"more\"";
    Table t = new Table("errors", List.of("text"), List.of(List.of(tweet)));
    Path file = dir.resolve("report.html");
    HtmlReport.builder("Run <1>")
        .provenance(Map.of("config", "<b>c</b>"))
        .section("Baseline & co")
        .paragraph(tweet)
        .table(t)
        .image("cm <test>", FAKE_PNG)
        .preformatted(tweet)
        .build()
        .write(file);
    String html = Files.readString(file);

    assertThat(html).doesNotContain("<script>").doesNotContain("<b>c</b>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        .contains("<title>Run &lt;1&gt;</title>")
        .contains("<h2>Baseline &amp; co</h2>")
        .contains("<dt>config</dt><dd>&lt;b&gt;c&lt;/b&gt;</dd>")
        .contains("<img alt=\"cm &lt;test&gt;\" src=\"data:image/png;base64,"
            + Base64.getEncoder().encodeToString(FAKE_PNG) + "\">");
  }

  @Test
  void isSelfContained() {
    String html = HtmlReport.builder("r").image("x", FAKE_PNG).build().toHtml();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("data:image/png;base64,")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<link").doesNotContain("<script");
  }

  @Test
  void givesWideImagesAFullRow() {
    byte[] wide = Plots.ofSize(450, 200).analysisGrid("test", Map.of("m", Fixtures.perfect()),
        Metric.HEADLINE);
    assertThat(HtmlReport.pngWidth(wide)).isEqualTo(900);
    assertThat(HtmlReport.pngWidth(FAKE_PNG)).isZero();
    assertThat(HtmlReport.builder("r").image("grid", wide).build().toHtml()).contains("<figure class=\"wide\"><img");
    assertThat(HtmlReport.builder("r").image("x", FAKE_PNG).build().toHtml()).contains("<figure><img");
  }

  @Test
  void keepsBlocksInOrder() {
    String html = HtmlReport.builder("r").section("one").paragraph("p1").section("two").build().toHtml();
    assertThat(html.indexOf("<h2>one</h2>")).isLessThan(html.indexOf("<p>p1</p>"));
    assertThat(html.indexOf("<p>p1</p>")).isLessThan(html.indexOf("<h2>two</h2>"));
  }
}
