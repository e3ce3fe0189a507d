package dev.tweetox.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.config.TransformerConfig;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.training.TinyTraining;
import dev.tweetox.transformer.training.TrainingData;
import dev.tweetox.transformer.training.TransformerTrainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerModelTest {
  @Test
  void predictsInInputOrderWithFlatNativeMemoryAndReusesThePrefixCache(@TempDir Path dir) {
    Progress.setQuiet(true);
    Path bert = TinyTraining.writeRandomBert(dir.resolve("bert"), 5);
    TransformerConfig cfg = TinyTraining.config(bert, 1, 1e-3, 1, true, 1);
    TrainingData d = TinyTraining.data();
    TransformerTrainer.Result r = TransformerTrainer.train(cfg, 1, d, dir.resolve("out"),
        new PrintWriter(new StringWriter()), TinyTraining.options());

    try (TransformerModel model = TransformerModel.load(r.modelDir(), 4)) {
      List<String> texts = d.trainTexts();
      double[][] all = model.predictProba(texts);
      assertThat(all).hasNumberOfRows(40);
      for (double[] row : all) {
        assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      }
      // one text at a time gives the same rows as the length-sorted batches
      for (int i = 0; i < 5; i++) {
        double[] single = model.predictProba(List.of(texts.get(i)))[0];
        assertThat(single).containsExactly(all[i], org.assertj.core.data.Offset.offset(1e-5));
      }
      int live = model.liveArrays();
      for (int i = 0; i < 1000; i++) {
        model.predictProba(List.of(texts.get(i % 40)));
      }
      assertThat(model.liveArrays()).isEqualTo(live);

      model.usePrefixCache(r.valCache().orElseThrow(), d.valTexts());
      double[][] viaCache = model.predictProba(texts);
      for (int i = 0; i < 40; i++) {
        assertThat(viaCache[i]).containsExactly(all[i], org.assertj.core.data.Offset.offset(1e-5));
      }
      assertThat(model.liveArrays()).isEqualTo(live);
    }
  }
}
