package dev.tweetox.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleModelTest {
  static final LabelSet LABELS = LabelSet.sentiment();
  static final List<String> TEXTS = List.of("good day", "bad day", "a day", "");

  /** A member whose probabilities depend on the text's length and its kind, and that records what it scored. */
  record Member(ModelKind kind, List<List<String>> seen) implements TextClassifier {
    Member(ModelKind kind) {
      this(kind, new ArrayList<>());
    }

    @Override
    public LabelSet labels() {
      return LABELS;
    }

    @Override
    public double[][] predictProba(List<String> texts) {
      seen.add(List.copyOf(texts));
      double[][] p = new double[texts.size()][];
      for (int i = 0; i < p.length; i++) {
        double a = (texts.get(i).length() % 5 + 1) * (kind == ModelKind.BASELINE ? 1 : 2);
        p[i] = new double[] {a / (a + 3), 1 / (a + 3), 2 / (a + 3)};
      }
      return p;
    }
  }

  static EnsembleFile file() {
    double[][] w = new double[3][12];
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 12; j++) {
        w[k][j] = 0.1 * (k + 1) - 0.03 * j;
      }
    }
    return new EnsembleFile(List.of(ModelKind.BASELINE, ModelKind.TRANSFORMER), LABELS.names(),
        new SoftmaxRegression(w, new double[] {0.2, -0.1, -0.1}), 1.0, 5, 42, 0.5);
  }

  @Test
  void saveAndLoadGiveIdenticalProbabilities(@TempDir Path dir) {
    TextCleaner cleaner = new TextCleaner(CleaningConfig.defaults());
    List<TextClassifier> members = List.of(new Member(ModelKind.BASELINE), new Member(ModelKind.TRANSFORMER));
    EnsembleModel before = new EnsembleModel(file(), members, cleaner);
    file().write(dir);
    EnsembleModel after = new EnsembleModel(EnsembleFile.read(dir), members, cleaner);
    double[][] a = before.predictProba(TEXTS);
    double[][] b = after.predictProba(TEXTS);
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(b[i]).containsExactly(a[i]);
      assertThat(a[i][0] + a[i][1] + a[i][2]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }
    assertThat(after.kind()).isEqualTo(ModelKind.ENSEMBLE);
    assertThat(EnsembleFile.read(dir).members()).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER);
  }

  @Test
  void membersAreCheckedAgainstTheFile() {
    TextCleaner cleaner = new TextCleaner(CleaningConfig.defaults());
    assertThatThrownBy(() -> new EnsembleModel(file(), List.of(new Member(ModelKind.TRANSFORMER),
        new Member(ModelKind.BASELINE)), cleaner)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("stacks [baseline, transformer]");
  }

  @Test
  void aBrokenFileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(EnsembleFile.FILE), "{\"format\": \"tweetox-ensemble\", \"formatVersion\": 2}");
    assertThatThrownBy(() -> EnsembleFile.read(dir)).isInstanceOf(TweetoxException.class)
        .hasMessageContaining(dir.resolve(EnsembleFile.FILE).toString()).hasMessageContaining("tweetox ensemble");
  }
}
