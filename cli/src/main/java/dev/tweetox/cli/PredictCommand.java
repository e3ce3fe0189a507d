package dev.tweetox.cli;

import dev.tweetox.TweetoxException;
import dev.tweetox.io.AtomicFiles;
import dev.tweetox.io.Progress;
import dev.tweetox.model.ModelKind;
import dev.tweetox.pipeline.InferenceExamples;
import dev.tweetox.predict.Explanation;
import dev.tweetox.predict.Precision;
import dev.tweetox.predict.PredictInput;
import dev.tweetox.predict.Prediction;
import dev.tweetox.predict.PredictionWriter;
import dev.tweetox.predict.Predictor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tweetox predict}: label new tweets with a trained run's model or an exported bundle. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Label tweets from a file or standard input with the model of a finished run, writing the "
        + "label and every class probability as CSV or JSON lines.")
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "<run dir|bundle>",
      description = "A finished run directory, or a bundle written by `tweetox export` (its checksums are verified).")
  Path model;

  @Option(names = "--model-type", defaultValue = ModelKind.AUTO, paramLabel = "<type>",
      converter = ModelChoiceConverter.class,
      description = "transformer, student, baseline, ensemble, or auto (default): the model with the best validation"
          + " macro-F1 in the run's or bundle's metrics.json (without it, the transformer).")
  Optional<ModelKind> modelType;

  @Option(names = "--precision", defaultValue = "fp32", paramLabel = "<fp32|int8>",
      description = "Transformer precision (default fp32); int8 runs the quantized weights.")
  String precision;

  @Option(names = "--input", paramLabel = "<file|->",
      description = "CSV/TSV (text column), JSONL (\"text\" key), or plain text, one tweet a line; - for stdin.")
  String input;

  @Option(names = "--text-column", defaultValue = "", paramLabel = "<name>",
      description = "Column or JSON key holding the text (default: text, review, tweet or content).")
  String textColumn;

  @Option(names = "--examples", description = "Label the reference notebook's five example tweets.")
  boolean examples;

  @Option(names = "--output", paramLabel = "<file>", description = "Write here instead of standard output.")
  Path output;

  @Option(names = "--format", paramLabel = "<csv|jsonl>",
      description = "Output format (default: from --output's extension, else csv).")
  String format;

  @Option(names = "--explain",
      description = "Also score every word of each tweet for the predicted label (JSON lines only): occlusion for"
          + " the transformer (one model row per word), exact contributions for the baseline.")
  boolean explain;

  @Mixin OutputOptions outputOptions;

  /** Texts explained per model call: enough to batch well, few enough for the progress bar to move. */
  private static final int EXPLAIN_CHUNK = 16;

  @Override
  public Integer call() throws IOException {
    outputOptions.apply();
    if ((input == null) == !examples) {
      throw new TweetoxException("predict: give exactly one of --input <file|-> or --examples");
    }
    List<PredictInput.Item> items = examples
        ? InferenceExamples.texts().stream().map(t -> new PredictInput.Item("", t)).toList()
        : input.equals("-") ? PredictInput.read("stdin", System.in, textColumn)
        : PredictInput.read(Path.of(input), textColumn);
    String fmt = format != null ? format
        : explain || output != null && output.toString().endsWith(".jsonl") ? "jsonl" : "csv";
    if (!fmt.equals("csv") && !fmt.equals("jsonl")) {
      throw new TweetoxException("--format must be csv or jsonl, got '" + fmt + "'");
    }
    if (explain && !fmt.equals("jsonl")) {
      throw new TweetoxException("predict --explain writes JSON lines (a list of scored words per tweet); use"
          + " --format jsonl or drop --format");
    }
    Precision prec = Precision.parse(precision);
    List<String> texts = items.stream().map(PredictInput.Item::text).toList();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Prediction> preds;
    Predictor predictor = Predictor.load(model, prec, modelType);
    try (predictor) {
      if (explain) {
        List<Explanation> explained = explain(predictor, texts);
        preds = explained.stream().map(Explanation::prediction).toList();
        PredictionWriter.explanationsJsonl(buf, items, explained, predictor.labels());
      } else {
        preds = predictor.predict(texts);
        write(buf, fmt, items, preds, predictor);
      }
    }
    if (output != null) {
      AtomicFiles.writeBytes(output, buf.toByteArray());
      spec.commandLine().getErr().println("predict: " + preds.size() + " predictions (" + predictor.kind()
          + ") written to " + output);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(buf.toString(StandardCharsets.UTF_8));
      out.flush();
    }
    return 0;
  }

  private static List<Explanation> explain(Predictor predictor, List<String> texts) {
    List<Explanation> out = new ArrayList<>(texts.size());
    try (Progress bar = Progress.start("explain", texts.size(), "tweets")) {
      for (int from = 0; from < texts.size(); from += EXPLAIN_CHUNK) {
        List<String> chunk = texts.subList(from, Math.min(texts.size(), from + EXPLAIN_CHUNK));
        out.addAll(predictor.explain(chunk));
        bar.step(chunk.size());
      }
    }
    return out;
  }

  private static void write(OutputStream out, String fmt, List<PredictInput.Item> items, List<Prediction> preds,
      Predictor predictor) throws IOException {
    if (fmt.equals("jsonl")) {
      PredictionWriter.jsonl(out, items, preds, predictor.labels(), predictor.decision());
    } else {
      PredictionWriter.csv(out, items, preds, predictor.labels(), predictor.decision());
    }
  }
}
