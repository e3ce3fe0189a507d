package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsLogTest {
  @TempDir Path dir;

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void unionsColumnsKeepingExistingOrderFirst() throws Exception {
    Path log = dir.resolve("runs_log.csv");
    RunsLog.append(log, row("model", "baseline", "macro_f1", "0.72"));
    RunsLog.append(log, row("macro_f1", "0.80", "model", "transformer", "lr", "2e-5"));
    RunsLog.append(log, row("model", "baseline", "notes", "c=1"));

    assertThat(Files.readString(log)).isEqualTo(
        "model,macro_f1,lr,notes\n"
            + "baseline,0.72,,\n"
            + "transformer,0.80,2e-5,\n"
            + "baseline,,,c=1\n");
    assertThat(RunsLog.read(log)).hasSize(3);
    assertThat(RunsLog.read(log).get(1)).containsExactly(
        Map.entry("model", "transformer"), Map.entry("macro_f1", "0.80"), Map.entry("lr", "2e-5"),
        Map.entry("notes", ""));
  }

  @Test
  void quotesCommasQuotesAndNewlines() throws Exception {
    Path log = dir.resolve("runs_log.csv");
    String tricky = "grid: C=0.1, 1\nsecond line with \"quotes\"";
    RunsLog.append(log, row("model", "baseline", "notes", tricky));
    RunsLog.append(log, row("model", "b2", "notes", "plain"));
    assertThat(Files.readString(log)).startsWith("model,notes\nbaseline,\"grid: C=0.1, 1\nsecond line with \"\"quotes\"\"\"\n");
    List<Map<String, String>> rows = RunsLog.read(log);
    assertThat(rows.get(0).get("notes")).isEqualTo(tricky);
    assertThat(rows.get(1).get("notes")).isEqualTo("plain");
  }

  @Test
  void tableViewForSpreadsheets() {
    Path log = dir.resolve("runs_log.csv");
    RunsLog.append(log, row("model", "baseline", "macro_f1", "0.72"));
    Table t = RunsLog.toTable(log);
    assertThat(t.columns()).containsExactly("model", "macro_f1");
    assertThat(t.rows()).containsExactly(List.of("baseline", "0.72"));
  }

  @Test
  void namesTheBrokenRecord() throws Exception {
    Path log = dir.resolve("runs_log.csv");
    Files.writeString(log, "model,macro_f1\nbaseline,0.7\noops\n");
    assertThatThrownBy(() -> RunsLog.append(log, row("model", "x")))
        .hasMessageContaining("runs_log.csv: data record 2 (line 3)")
        .hasMessageContaining("has 1 fields but the header has 2");
    assertThat(Files.readString(log)).isEqualTo("model,macro_f1\nbaseline,0.7\noops\n");
  }
}
