package dev.tweetox.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.Example;
import dev.tweetox.data.LabelSet;
import dev.tweetox.ensemble.EnsembleFile;
import dev.tweetox.ensemble.Stacker;
import dev.tweetox.model.ModelKind;
import dev.tweetox.model.TextClassifier;
import dev.tweetox.run.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stacker is fitted on validation alone; its saved coefficients are exactly the stacker's fit on it. */
class EnsembleStageTest {
  static final LabelSet LABELS = LabelSet.sentiment();

  /** A member that labels by a word of the text, with some noise, and records every text it is asked to score. */
  static final class Spy implements TextClassifier {
    final ModelKind kind;
    final Set<String> seen = new HashSet<>();

    Spy(ModelKind kind) {
      this.kind = kind;
    }

    @Override
    public LabelSet labels() {
      return LABELS;
    }

    @Override
    public double[][] predictProba(List<String> texts) {
      seen.addAll(texts);
      double[][] p = new double[texts.size()][];
      for (int i = 0; i < p.length; i++) {
        String t = texts.get(i);
        int k = t.contains("bad") ? 0 : t.contains("good") ? 2 : 1;
        double sure = kind == ModelKind.BASELINE ? 0.5 : 0.3 + (t.length() % 4) * 0.15;
        p[i] = new double[] {(1 - sure) / 2, (1 - sure) / 2, (1 - sure) / 2};
        p[i][k] = sure;
      }
      return p;
    }

    @Override
    public ModelKind kind() {
      return kind;
    }
  }

  static List<Example> examples(String prefix, int n) {
    List<Example> out = new ArrayList<>();
    String[] words = {"bad", "so so", "good"};
    for (int i = 0; i < n; i++) {
      int label = i % 3;
      String text = prefix + " " + i + " " + words[(i % 7 == 0) ? (label + 1) % 3 : label];
      out.add(new Example(prefix + i, text, text, label, i));
    }
    return out;
  }

  @Test
  void stackerIsFittedOnValidationOnly(@TempDir Path tmp) {
    RunDirectory dir = new RunDirectory(tmp);
    List<Example> val = examples("val", 40);
    List<Example> test = examples("test", 40);
    Spy baseline = new Spy(ModelKind.BASELINE);
    Spy transformer = new Spy(ModelKind.TRANSFORMER);
    EnsembleStage.Fitted f = EnsembleStage.fit(TweetoxConfig.defaults(), dir, List.of(transformer, baseline), val,
        LABELS, new PrintWriter(new StringWriter()));
    Set<String> valTexts = new HashSet<>(val.stream().map(Example::text).toList());
    assertThat(baseline.seen).isNotEmpty();
    assertThat(valTexts).containsAll(baseline.seen).containsAll(transformer.seen);
    assertThat(test.stream().map(Example::text)).doesNotContainAnyElementsOf(baseline.seen)
        .doesNotContainAnyElementsOf(transformer.seen);

    // the saved coefficients are the stacker's own fit on the members' validation probabilities
    List<String> texts = val.stream().map(Example::text).toList();
    Stacker.Fit expected = Stacker.fit(List.of(baseline.predictProba(texts), transformer.predictProba(texts)),
        PreparedData.labelsOf(val), LABELS, TweetoxConfig.defaults().seed());
    EnsembleFile saved = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE));
    assertThat(saved.members()).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER);
    assertThat(saved.c()).isEqualTo(expected.c());
    assertThat(saved.crossFittedValMacroF1()).isEqualTo(expected.crossFittedMacroF1());
    for (int k = 0; k < 3; k++) {
      assertThat(saved.stacker().weights(k)).containsExactly(expected.model().weights(k));
    }
    assertThat(f.outOfFoldVal()).isDeepEqualTo(expected.outOfFold());
    // the ensemble's members are the run's models, in the file's order
    assertThat(f.model().members()).containsExactly(baseline, transformer);
  }

  @Test
  void stacksTheStudentTooWhenTheRunHasOne(@TempDir Path tmp) {
    RunDirectory dir = new RunDirectory(tmp);
    List<Example> val = examples("val", 40);
    Spy baseline = new Spy(ModelKind.BASELINE);
    Spy transformer = new Spy(ModelKind.TRANSFORMER);
    Spy student = new Spy(ModelKind.STUDENT);
    StringWriter log = new StringWriter();
    EnsembleStage.Fitted f = EnsembleStage.fit(TweetoxConfig.defaults(), dir, List.of(student, transformer,
        baseline), val, LABELS, new PrintWriter(log));

    EnsembleFile saved = EnsembleFile.read(dir.modelDir(ModelKind.ENSEMBLE));
    assertThat(saved.members()).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.STUDENT);
    assertThat(saved.stacker().features()).isEqualTo(2 * 3 * LABELS.size()); // one feature block per member
    assertThat(f.model().members()).containsExactly(baseline, transformer, student);
    assertThat(student.seen).isNotEmpty();
    assertThat(log.toString()).contains("stacker over [baseline, transformer, student]");
    List<String> texts = val.stream().map(Example::text).toList();
    Stacker.Fit expected = Stacker.fit(List.of(baseline.predictProba(texts), transformer.predictProba(texts),
        student.predictProba(texts)), PreparedData.labelsOf(val), LABELS, TweetoxConfig.defaults().seed());
    assertThat(f.outOfFoldVal()).isDeepEqualTo(expected.outOfFold());
    // the saved ensemble scores as its fit: the same members reload into the same probabilities
    EnsembleStage.Fitted loaded = EnsembleStage.load(TweetoxConfig.defaults(), dir, List.of(baseline, student,
        transformer), val, LABELS);
    assertThat(loaded.model().predictProba(texts)).isDeepEqualTo(f.model().predictProba(texts));
  }

  @Test
  void oneModelIsNothingToStack(@TempDir Path tmp) {
    RunDirectory dir = new RunDirectory(tmp);
    assertThatThrownBy(() -> EnsembleStage.fit(TweetoxConfig.defaults(), dir, List.of(new Spy(ModelKind.BASELINE)),
        examples("val", 12), LABELS, new PrintWriter(new StringWriter())))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("two or more of [baseline, transformer, student]")
        .hasMessageContaining("has only [baseline]").hasMessageContaining("--models baseline,transformer,ensemble");
  }
}
