package dev.tweetox.bench;

import ai.djl.ndarray.types.DataType;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.HfBertDirectory;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.TweetoxConfig;
import dev.tweetox.data.TextCleaner;
import dev.tweetox.model.ModelKind;
import dev.tweetox.run.RunDirectory;
import dev.tweetox.transformer.bench.MatmulPeak;
import dev.tweetox.transformer.bench.TrainingBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The throughput a BERT could reach if every FLOP ran at the machine's matmul peak: peak GFLOP/s divided by the
 * forward FLOPs of one tweet at the mean token length of the benchmark's tweets (the formula of
 * {@link TrainingBench#layerForwardFlops}, times the layers).
 *
 * @param meanTokens word pieces per tweet with [CLS] and [SEP], after the run's cleaning and truncation
 */
public record FlopLimit(BertConfig config, double meanTokens, double flopsPerTweet, double peakGflops) {

  public double tweetsPerSecond() {
    return peakGflops * 1e9 / flopsPerTweet;
  }

  /**
   * Finds the BERT of a run directory ({@code transformer/model}, else {@code student/model}, as the server loads
   * them) or a bundle ({@code config.json} beside {@code vocab.txt}); empty for a baseline-only run.
   */
  public static Optional<Path> bertDirectory(Path model) {
    RunDirectory run = new RunDirectory(model);
    for (Path p : List.of(run.modelDir(ModelKind.TRANSFORMER), run.modelDir(ModelKind.STUDENT), model)) {
      if (Files.isRegularFile(p.resolve(HfBertDirectory.VOCAB)) && Files.isRegularFile(p.resolve("config.json"))
          && Files.isRegularFile(p.resolve(HfBertDirectory.WEIGHTS))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Counts tokens and measures the float32 matmul peak ({@code n x n x n}, about {@code seconds} long). */
  public static FlopLimit measure(Path model, Path bertDir, List<String> tweets, int matmulSize, double seconds) {
    HfBertDirectory.Contents c = HfBertDirectory.read(bertDir);
    CleaningConfig cleaning = CleaningConfig.defaults();
    // The training max length travels in the safetensors metadata; a run directory also has the cleaning.
    int maxLength = Integer.parseInt(c.tensors().metadata().getOrDefault("tweetox_max_length", "128"));
    if (!model.equals(bertDir) && Files.isRegularFile(model.resolve(RunDirectory.CONFIG))) {
      TweetoxConfig cfg = RunDirectory.existing(model).readConfig();
      cleaning = cfg.cleaning();
      maxLength = cfg.transformer().maxLength();
    }
    TextCleaner cleaner = new TextCleaner(cleaning);
    WordPieceTokenizer tok = new WordPieceTokenizer(c.vocab());
    long tokens = 0;
    for (String t : tweets) {
      tokens += tok.encode(cleaner.clean(t), maxLength).length();
    }
    double mean = (double) tokens / tweets.size();
    // layerForwardFlops is linear in tokens apart from the attention term; evaluate it at the rounded mean length.
    int seq = (int) Math.round(mean);
    double flops = TrainingBench.layerForwardFlops(c.config(), 1, seq) * c.config().layers();
    double peak = MatmulPeak.gflops(matmulSize, DataType.FLOAT32, seconds);
    return new FlopLimit(c.config(), mean, flops, peak);
  }
}
