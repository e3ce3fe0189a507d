package dev.tweetox.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.bundle.Bundle;
import dev.tweetox.bundle.BundleManifest;
import dev.tweetox.config.ConfigLoader;
import dev.tweetox.eval.MetricsJson;
import dev.tweetox.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's target verdict at its boundary, and the manifest's strict reading. */
class ExportPartsTest {
  private static RunFacts withTestF1(double baseline, double transformer) {
    RunFacts real = RunFacts.read(RunDirectory.existing(TinyRun.runDir()));
    Map<String, Map<String, Map<String, Double>>> m = new LinkedHashMap<>();
    m.put("baseline", Map.of("test", Map.of("macro_f1", baseline)));
    m.put("transformer", Map.of("test", Map.of("macro_f1", transformer)));
    return new RunFacts(real.dir(), real.config(), real.provenance(), real.split(), MetricsJson.of(m));
  }

  @Test
  void targetIsMetAtExactly085AndNotJustBelow() {
    assertThat(SummaryReport.targetSentence(withTestF1(0.7, 0.85))).endsWith("met (0.8500).");
    assertThat(SummaryReport.targetSentence(withTestF1(0.7, 0.8499)))
        .isEqualTo("Reference target (test macro-F1 >= 0.85): not met (0.8499, 0.0001 short).");
    String text = SummaryReport.text(withTestF1(0.7, 0.77), false);
    assertThat(text).contains("baseline (TF-IDF + LR): 0.7000").contains("transformer (BERT):     0.7700")
        .contains("improvement:            +0.0700 (+10.0% relative)").contains("not met (0.7700");
    assertThat(ModelCard.json(withTestF1(0.7, 0.9), "other").path("reference_target").path("met").asBoolean())
        .isTrue();
  }

  @Test
  void manifestRoundTripsTheConfigAndRejectsOtherFormats() throws Exception {
    RunFacts facts = RunFacts.read(RunDirectory.existing(TinyRun.runDir()));
    Path dir = TinyRun.scratch("manifest");
    facts.manifest(false).write(dir);
    BundleManifest back = BundleManifest.read(dir);
    // The bundle names its data by file name only; everything else is the run's own configuration and provenance.
    String dataFile = Path.of(facts.config().data().path()).getFileName().toString();
    assertThat(back.config()).isEqualTo(ConfigLoader.load(facts.config(), null, List.of("data.path=" + dataFile)));
    ObjectNode provenance = facts.provenance().deepCopy();
    provenance.put("dataSource", dataFile);
    assertThat(back.provenance()).isEqualTo(provenance);

    Path file = dir.resolve(Bundle.MANIFEST);
    Files.writeString(file, Files.readString(file).replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
    assertThatThrownBy(() -> BundleManifest.read(dir)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("tweetox.json").hasMessageContaining("formatVersion");
    facts.manifest(false).write(dir);
    Files.writeString(file, Files.readString(file).replace("\"seed\" : 42", "\"seed\" : 42, \"bogus\" : 1"));
    assertThatThrownBy(() -> BundleManifest.read(dir)).hasMessageContaining("field config is not a valid");
  }
}
