package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tweetox.calibration.OperatingPoint;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.report.Table;
import dev.tweetox.split.SplitPart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test error analysis the evaluate stage adds to a model's report, with a keyword model (known answers). */
class EvaluateStageErrorsTest {
  static final LabelSet LABELS = LabelSet.sentiment();
  static final TextCleaner CLEANER = new TextCleaner(CleaningConfig.defaults());

  /** "hate" is negative (0.9), "love" positive (0.8), anything else neutral (0.6); counts the rows it scores. */
  static final class Keywords implements TextClassifier {
    final List<Integer> calls = new ArrayList<>();

    @Override
    public LabelSet labels() {
      return LABELS;
    }

    @Override
    public double[][] predictProba(List<String> texts) {
      calls.add(texts.size());
      return texts.stream().map(t -> t.contains("hate") ? new double[] {0.9, 0.05, 0.05}
          : t.contains("love") ? new double[] {0.1, 0.1, 0.8} : new double[] {0.2, 0.6, 0.2})
          .toArray(double[][]::new);
    }

    @Override
    public ModelKind kind() {
      return ModelKind.TRANSFORMER;
    }
  }

  static List<Example> examples() {
    String[] raw = {"i HATE mondays @bob", "so sad", "love it 😍", "bus at noon", "hate hate love"};
    int[] gold = {1, 0, 2, 1, 2};
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      out.add(new Example("id" + i, raw[i], CLEANER.clean(raw[i]), gold[i], i + 2));
    }
    return out;
  }

  @Test
  void listsTheMistakesWithTheirTopWordsSliceScoresAndConfusions(@TempDir Path dir) throws Exception {
    // lowercasing off: "HATE" is not "hate" to the keyword model, so the first tweet is a neutral hit
    List<Example> test = examples();
    Keywords model = new Keywords();
    EvaluateStage.ModelEvaluation eval = EvaluateStage.run(model, CLEANER, Map.of(SplitPart.TEST, test), LABELS,
        OperatingPoint.uncalibrated(LABELS), dir, new PrintWriter(new StringWriter()));

    Table errors = table(eval, "mistakes - transformer - test");
    assertThat(errors.columns()).containsExactly("id", "text", "true", "predicted", "confidence",
        "top words (occlusion)");
    assertThat(errors.rows()).hasSize(2);
    assertThat(errors.rows().get(0)).containsExactly("id1", "so sad", "negative", "neutral", 0.6, "");
    List<Object> hate = errors.rows().get(1);
    assertThat(hate.subList(0, 5)).containsExactly("id4", "hate hate love", "positive", "negative", 0.9);
    assertThat(hate.get(5)).as("neither 'hate' alone flips it; removing 'love' changes nothing").isEqualTo("");

    Table slices = table(eval, "slices - transformer - test");
    assertThat(slices.rows().get(0).subList(0, 2)).containsExactly("all tweets", 5);
    assertThat(slices.rows()).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("has a mention", 1));
    assertThat(slices.rows()).anySatisfy(r -> assertThat(r.subList(0, 2)).containsExactly("has an emoji", 1));

    Table confusions = table(eval, "confusions - transformer - test");
    assertThat(confusions.rows()).extracting(r -> r.get(0)).containsExactly(
        "100.0% of negative tweets (1 of 1) are labelled neutral",
        "50.0% of positive tweets (1 of 2) are labelled negative");

    for (String f : List.of("errors_transformer_test.csv", "slices_transformer_test.csv",
        "confusions_transformer_test.csv")) {
      assertThat(dir.resolve(f)).exists();
      assertThat(eval.report().files()).contains(dir.resolve(f));
    }
    assertThat(Files.readString(dir.resolve("errors_transformer_test.csv"))).contains("so sad");
  }

  @Test
  void onlyTheMistakesAreOccluded(@TempDir Path dir) {
    Keywords model = new Keywords();
    EvaluateStage.run(model, CLEANER, Map.of(SplitPart.TEST, examples()), LABELS,
        OperatingPoint.uncalibrated(LABELS), dir, new PrintWriter(new StringWriter()));
    // one call scores the 5 test tweets; then the 2 mistakes and their 2 + 3 one-word-less variants
    assertThat(model.calls).containsExactly(5, 2 + 2 + 3);
  }

  @Test
  void aMistakeWhoseWordDrivesItShowsThatWord(@TempDir Path dir) {
    List<Example> test = List.of(new Example("a", "i hate this bus", CLEANER.clean("i hate this bus"), 1, 2));
    EvaluateStage.ModelEvaluation eval = EvaluateStage.run(new Keywords(), CLEANER, Map.of(SplitPart.TEST, test),
        LABELS, OperatingPoint.uncalibrated(LABELS), dir, new PrintWriter(new StringWriter()));
    List<Object> row = table(eval, "mistakes - transformer - test").rows().get(0);
    assertThat(row.get(5)).isEqualTo("hate (0.700)");
  }

  private static Table table(EvaluateStage.ModelEvaluation eval, String title) {
    return eval.report().tables().stream().filter(t -> t.title().equals(title)).findFirst().orElseThrow();
  }
}
