package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.eval.Metric;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
  private final Table table = new Table("t", List.of("name", "score", "n"),
      List.of(Arrays.asList("x, \"quoted\"", 0.5, 3), Arrays.asList("<b>", null, 12)));

  @Test
  void csvQuotesAndKeepsFullPrecision() {
    Table t = new Table("t", List.of("a", "b"), List.of(List.of("line1\nline2", 1.0 / 3)));
    assertThat(t.toCsv()).isEqualTo("a,b\n\"line1\nline2\",0.3333333333333333\n");
    assertThat(table.toCsv()).isEqualTo("name,score,n\n\"x, \"\"quoted\"\"\",0.5,3\n<b>,,12\n");
  }

  @Test
  void textAlignsNumbersRight() {
    assertThat(table.toText()).isEqualTo(
        "t\n"
            + "name          score   n\n"
            + "-----------------------\n"
            + "x, \"quoted\"  0.5000   3\n"
            + "<b>                  12\n");
  }

  @Test
  void htmlEscapesCells() {
    String html = table.toHtml();
    assertThat(html).contains("<td>&lt;b&gt;</td>").contains("<td class=\"num\">0.5000</td>")
        .contains("x, &quot;quoted&quot;").doesNotContain("<b>");
  }

  @Test
  void rejectsRaggedRows() {
    assertThatThrownBy(() -> new Table("scores", List.of("a", "b"), List.of(List.of("x"))))
        .hasMessageContaining("table 'scores' row 0 has 1 cells but there are 2 columns");
  }

  @Test
  void classificationReportMatchesSklearnLayout() {
    Table t = Tables.classificationReport("r", Fixtures.threeClass());
    assertThat(t.columns()).containsExactly("class", "precision", "recall", "f1", "support");
    assertThat(t.rows()).hasSize(6);
    assertThat(t.rows().get(1)).containsExactly("b", 0.5, 1.0 / 3, 0.4, 3);
    assertThat(t.rows().get(3)).containsExactly("accuracy", null, null, 0.5, 8);
    assertThat(t.rows().get(4).get(0)).isEqualTo("macro avg");
    assertThat((double) t.rows().get(4).get(3)).isCloseTo(103.0 / 210, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(t.rows().get(5).get(0)).isEqualTo("weighted avg");
  }

  @Test
  void valVsTestShowsDelta() {
    Table t = Tables.valVsTest("v", Fixtures.threeClass(), Fixtures.perfect(), List.of(Metric.ACCURACY));
    assertThat(t.rows()).containsExactly(List.of("accuracy", 0.5, 1.0, 0.5));
  }

  @Test
  void modelComparisonLeavesMissingScoresEmpty() {
    Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
    scores.put("baseline", Map.of("accuracy", 0.6, "macro_f1", 0.55));
    scores.put("transformer", Map.of("accuracy", 0.7));
    Table t = Tables.modelComparison("m", scores, List.of(Metric.ACCURACY, Metric.MACRO_F1));
    assertThat(t.columns()).containsExactly("metric", "baseline", "transformer");
    assertThat(t.rows().get(1)).containsExactly("macro_f1", 0.55, null);
  }
}
