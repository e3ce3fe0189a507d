package dev.tweetox.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.eval.Metric;
import dev.tweetox.model.ModelKind;
import dev.tweetox.report.Table;
import dev.tweetox.split.SplitPart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bundle's model card: {@code model_card.json} holds every fact, and {@code model_card.md} shows the same facts
 * for people, opening with Hugging Face-style YAML metadata (task, language, labels, data sets, metrics and a
 * {@code model-index} with the validation and test results) so a model hub can index it.
 */
public final class ModelCard {
  static final List<String> LIMITATIONS = List.of(
      "Sarcasm and irony: the model reads surface sentiment, so \"oh great, another Monday\" can be labelled"
          + " positive. Its probabilities are its own; no rule adjusts them.",
      "Domain shift: trained on tweets; reviews, news, long posts or other platforms will score lower than the"
          + " test numbers here.",
      "Era: the bundled tweets date mostly from around 2009-2010 (and 2019 for TweetEval); slang, topics and"
          + " emoji use have changed since.",
      "English only: other languages, and code-switched text, are out of scope.",
      "Labels reflect the annotators of the source data set, including their disagreements and biases; do not use"
          + " the output alone for decisions about people.");
  static final String INTENDED_USE = "Classify the sentiment or toxicity of short English social-media posts for"
      + " research, monitoring dashboards and triage, with a human reviewing consequential decisions. Apply the"
      + " same cleaning as training (tweetox's Predictor does this from tweetox.json).";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ModelCard() {}

  /** Every fact of the card, as written to {@code model_card.json}. */
  public static ObjectNode json(RunFacts run, String license) {
    TweetoxConfig cfg = run.config();
    ObjectNode card = JSON.createObjectNode();
    card.put("model_name", modelName(cfg));
    card.put("task", "text-classification");
    card.put("language", "en");
    card.put("license", license);
    card.put("model_type", run.mainModel().key());
    card.put("base_model", run.mainWeights());
    ArrayNode labels = card.putArray("labels");
    run.labels().forEach(labels::add);
    ObjectNode data = card.putObject("training_data");
    data.put("dataset", datasetName(cfg));
    data.put("source", run.prov("dataSource"));
    data.put("sha256", run.prov("dataFingerprint"));
    data.set("cleaning", run.provenance().path("cleaning"));
    ObjectNode split = card.putObject("split");
    split.put("kind", run.split().path("kind").asText());
    split.put("seed", cfg.seed());
    split.set("proportions", JSON.valueToTree(cfg.split()));
    ObjectNode sizes = split.putObject("sizes");
    for (SplitPart p : SplitPart.values()) {
      sizes.put(p.key(), run.size(p));
    }
    split.set("class_counts", run.split().path("counts"));
    split.put("ids_sha256", run.split().path("idsSha256").asText());
    ObjectNode hyper = card.putObject("hyperparameters");
    hyper.set("transformer", JSON.valueToTree(cfg.transformer()));
    if (run.mainModel() == ModelKind.STUDENT) {
      hyper.set("student", JSON.valueToTree(cfg.student()));
    }
    ObjectNode baseline = hyper.putObject("baseline");
    baseline.set("grid", JSON.valueToTree(cfg.baseline()));
    bestBaseline(run).ifPresent(b -> baseline.set("chosen", b));
    card.set("metrics", JSON.valueToTree(run.metrics().asMap()));
    ObjectNode perClass = card.putObject("per_class");
    for (ModelKind model : run.models()) {
      ObjectNode m = perClass.putObject(model.key());
      for (SplitPart part : SplitPart.HELD_OUT) {
        run.perClass(model, part).ifPresent(t -> m.set(part.key(), rows(t)));
      }
    }
    card.put("intended_use", INTENDED_USE);
    ArrayNode lim = card.putArray("limitations");
    LIMITATIONS.forEach(lim::add);
    ObjectNode target = card.putObject("reference_target");
    target.put("macro_f1", SummaryReport.TARGET);
    run.metric(run.mainModel(), SplitPart.TEST, Metric.MACRO_F1)
        .ifPresent(f -> target.put("met", f >= SummaryReport.TARGET));
    card.set("provenance", run.provenance());
    return card;
  }

  /** The markdown card: YAML front matter, then the sections. */
  public static String markdown(RunFacts run, ObjectNode card) {
    StringBuilder md = new StringBuilder("---\n").append(frontMatter(run, card)).append("---\n\n");
    TweetoxConfig cfg = run.config();
    md.append("# ").append(card.path("model_name").asText()).append("\n\n");
    md.append(run.mainModel() == ModelKind.STUDENT ? "A small BERT classifier (distilled from the run's fine-tuned"
        + " transformer, starting from `" : "A BERT classifier (fine-tuned from `").append(run.mainWeights())
        .append("` with tweetox) that"
        + " labels short English posts as ").append(String.join(", ", run.labels())).append(
        ". The folder is a Hugging Face BERT directory (`BertForSequenceClassification.from_pretrained(\".\")`),"
        + " and tweetox loads it with `Predictor.load(bundle, Precision.FP32)`.\n\n");
    md.append("## Intended use\n\n").append(INTENDED_USE).append("\n\n");
    md.append("## Training data and split\n\n");
    md.append("- data set: ").append(datasetName(cfg)).append(" (`").append(run.prov("dataSource")).append("`)\n");
    md.append("- data SHA-256: `").append(run.prov("dataFingerprint")).append("`\n");
    md.append("- cleaning: `").append(run.provenance().path("cleaning").toString()).append("`\n");
    md.append("- split: ").append(run.split().path("kind").asText()).append(", seed ").append(cfg.seed())
        .append(String.format(Locale.ROOT, ", proportions %.2f / %.2f / %.2f", cfg.split().train(),
            cfg.split().val(), cfg.split().test())).append('\n');
    md.append("- sizes: ");
    List<String> sizes = new ArrayList<>();
    for (SplitPart p : SplitPart.values()) {
      sizes.add(p.key() + " " + run.size(p));
    }
    md.append(String.join(", ", sizes)).append('\n');
    md.append("- split ids fingerprint (SHA-256 of the sorted ids): `").append(run.split().path("idsSha256").asText())
        .append("`\n\n");
    List<String> countsHeader = new ArrayList<>(List.of("class"));
    for (SplitPart p : SplitPart.values()) {
      countsHeader.add(p.key());
    }
    md.append(table(countsHeader, classCounts(run))).append('\n');
    md.append("## Hyperparameters\n\n");
    md.append(table(List.of("transformer setting", "value"), pairs(card.path("hyperparameters").path("transformer"))))
        .append('\n');
    JsonNode chosen = card.path("hyperparameters").path("baseline").path("chosen");
    if (!chosen.isMissingNode()) {
      md.append("Baseline (TF-IDF + logistic regression) chosen by ").append(cfg.baseline().folds())
          .append("-fold CV on macro-F1: `").append(chosen.toString()).append("`\n\n");
    }
    md.append("## Results\n\n");
    md.append(table(List.of("model", "split", "accuracy", "macro precision", "macro recall", "macro F1"),
        headline(run))).append('\n');
    for (ModelKind model : run.models()) {
      for (SplitPart part : SplitPart.HELD_OUT) {
        Optional<Table> t = run.perClass(model, part);
        if (t.isPresent()) {
          md.append("**").append(model.key()).append(", ").append(part.key()).append(", per class**\n\n");
          md.append(table(t.get().columns(), cells(t.get()))).append('\n');
        }
      }
    }
    md.append(SummaryReport.targetSentence(run)).append("\n\n");
    md.append("## Limitations\n\n");
    LIMITATIONS.forEach(l -> md.append("- ").append(l).append('\n'));
    md.append("\n## Provenance\n\n");
    for (String f : List.of("tweetoxVersion", "command", "gitRevision", "javaVersion", "os", "startedAt",
        "finishedAt")) {
      md.append("- ").append(f).append(": `").append(run.prov(f)).append("`\n");
    }
    md.append("- libraries: `").append(run.provenance().path("libraries").toString()).append("`\n");
    md.append("- data SHA-256: `").append(run.prov("dataFingerprint")).append("`\n\n");
    md.append("## License\n\n`").append(card.path("license").asText()).append("`. BERT-Base's pretrained weights are"
        + " Apache-2.0; the training data keeps its source's terms (see the data set's attribution), so check them"
        + " before redistributing this model.\n");
    return md.toString();
  }

  static String frontMatter(RunFacts run, ObjectNode card) {
    Map<String, Object> fm = new LinkedHashMap<>();
    TweetoxConfig cfg = run.config();
    fm.put("language", List.of("en"));
    fm.put("license", card.path("license").asText());
    fm.put("library_name", "transformers");
    fm.put("pipeline_tag", "text-classification");
    fm.put("tags", List.of("text-classification", "bert", "tweets", "tweetox"));
    if (!run.mainWeights().contains("/")) {
      fm.put("base_model", run.mainWeights());
    }
    fm.put("datasets", List.of(datasetName(cfg)));
    fm.put("metrics", List.of("f1", "accuracy"));
    fm.put("labels", run.labels());
    List<Object> results = new ArrayList<>();
    for (SplitPart part : SplitPart.HELD_OUT) {
      List<Object> metrics = new ArrayList<>();
      ModelKind main = run.mainModel();
      run.metric(main, part, Metric.MACRO_F1).ifPresent(v -> metrics.add(metric("f1", "macro F1", v,
          "macro")));
      run.metric(main, part, Metric.ACCURACY).ifPresent(v -> metrics.add(metric("accuracy", "accuracy", v,
          null)));
      if (metrics.isEmpty()) {
        continue;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      // Ordered maps throughout: Map.of iterates in a per-JVM random order, and the card must be reproducible.
      r.put("task", ordered("type", "text-classification", "name", "Text Classification"));
      r.put("dataset", ordered("name", datasetName(cfg), "type", datasetName(cfg),
          "split", part == SplitPart.VAL ? "validation" : part.key()));
      r.put("metrics", metrics);
      results.add(r);
    }
    fm.put("model-index", List.of(ordered("name", card.path("model_name").asText(), "results", results)));
    try {
      return YAML.writeValueAsString(fm);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write the model card's YAML", e);
    }
  }

  private static Map<String, Object> metric(String type, String name, double value, String average) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("name", name);
    m.put("value", round(value));
    if (average != null) {
      m.put("args", ordered("average", average));
    }
    return m;
  }

  /** A map that keeps the order its keys are given in: {@code ordered(k1, v1, k2, v2, ...)}. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String modelName(TweetoxConfig cfg) {
    return "tweetox-" + cfg.name() + "-bert";
  }

  /** A short data-set name for the metadata: the bundled set's usual name, or the data file's name. */
  static String datasetName(TweetoxConfig cfg) {
    if (!cfg.data().path().isEmpty()) {
      return Path.of(cfg.data().path()).getFileName().toString();
    }
    return switch (cfg.data().dataset()) {
      case TWEETEVAL_OFFENSIVE -> "tweet_eval";
      case TWEET_SENTIMENT -> "tweet_sentiment_extraction";
    };
  }

  /** The row of the grid search marked best, if the run kept its grid. */
  private static Optional<JsonNode> bestBaseline(RunFacts run) {
    Path grid = run.dir().resolve(dev.tweetox.pipeline.BaselineStage.GRID_CSV);
    if (!java.nio.file.Files.isRegularFile(grid)) {
      return Optional.empty();
    }
    Table t = Table.readCsv(grid, "grid");
    int best = t.columns().indexOf("best");
    for (List<Object> row : t.rows()) {
      if (best >= 0 && "true".equals(String.valueOf(row.get(best)))) {
        ObjectNode o = JSON.createObjectNode();
        for (int c = 0; c < t.columns().size(); c++) {
          if (c != best) {
            o.set(t.columns().get(c), JSON.valueToTree(row.get(c)));
          }
        }
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  private static ArrayNode rows(Table t) {
    ArrayNode out = JSON.createArrayNode();
    for (List<Object> row : t.rows()) {
      ObjectNode o = out.addObject();
      for (int c = 0; c < t.columns().size(); c++) {
        o.set(t.columns().get(c), JSON.valueToTree(row.get(c)));
      }
    }
    return out;
  }

  private static List<List<String>> classCounts(RunFacts run) {
    List<List<String>> rows = new ArrayList<>();
    for (String label : run.labels()) {
      List<String> row = new ArrayList<>(List.of(label));
      for (SplitPart p : SplitPart.values()) {
        row.add(Long.toString(run.count(p, label)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<List<String>> headline(RunFacts run) {
    List<List<String>> rows = new ArrayList<>();
    for (ModelKind model : run.models()) {
      for (SplitPart part : SplitPart.HELD_OUT) {
        List<String> row = new ArrayList<>(List.of(model.key(), part.key()));
        for (Metric metric : Metric.HEADLINE) {
          row.add(run.metric(model, part, metric).stream().mapToObj(ModelCard::fmt).findFirst().orElse("-"));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<List<String>> pairs(JsonNode obj) {
    List<List<String>> rows = new ArrayList<>();
    obj.fields().forEachRemaining(e -> rows.add(List.of(e.getKey(), e.getValue().asText(e.getValue().toString()))));
    return rows;
  }

  private static List<List<String>> cells(Table t) {
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> row : t.rows()) {
      rows.add(row.stream().map(v -> v == null ? "" : v instanceof Double d
          ? (d == Math.rint(d) && Math.abs(d) > 1 ? Long.toString(d.longValue()) : fmt(d)) : v.toString()).toList());
    }
    return rows;
  }

  private static String table(List<String> header, List<List<String>> rows) {
    StringBuilder out = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> out.append("---|"));
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
          .append(" |\n");
    }
    return out.toString();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
