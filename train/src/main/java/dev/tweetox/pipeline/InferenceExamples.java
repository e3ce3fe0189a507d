package dev.tweetox.pipeline;

import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.Predictor;
import dev.tweetox.report.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference notebook's five demonstration tweets, one per hard case (toxic, neutral, positive, sarcastic,
 * informal with emoji). The probabilities shown are the model's own; nothing is patched by rules.
 */
public final class InferenceExamples {
  /** A demonstration tweet and the kind of case it stands for. */
  public record Example(String kind, String text) {}

  public static final List<Example> NOTEBOOK = List.of(
      new Example("Toxic example",
          "This is absolutely disgusting! People like you should be banned from social media. Horrible!"),
      new Example("Neutral example", "Just finished my morning coffee. Weather is okay today, nothing special."),
      new Example("Positive example",
          "So grateful for all the support today! Amazing community, thank you everyone! \uD83D\uDE4F"),
      new Example("Sarcastic/Toxic", "Oh wonderful, another day of dealing with this nonsense. Just perfect..."),
      new Example("Informal positive", "This made my day! So happy right now! Best news ever! \uD83D\uDD25"));

  private InferenceExamples() {}

  public static List<String> texts() {
    return NOTEBOOK.stream().map(Example::text).toList();
  }

  /** Runs the examples through a predictor and tabulates label, confidence and every class probability. */
  public static Table table(Predictor predictor) {
    List<Prediction> preds = predictor.predict(texts());
    List<String> cols = new ArrayList<>(List.of("case", "tweet", "predicted", "confidence"));
    predictor.labels().names().forEach(n -> cols.add("p_" + n));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < preds.size(); i++) {
      Prediction p = preds.get(i);
      List<Object> row = new ArrayList<>(List.of(NOTEBOOK.get(i).kind(), p.text(), p.label(), p.confidence()));
      row.addAll(p.probabilities());
      rows.add(row);
    }
    return new Table("inference examples - " + predictor.kind(), cols, rows);
  }
}
