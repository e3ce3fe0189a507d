package dev.tweetox.transformer.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tweetox.bert.BertConfig;
import dev.tweetox.bert.tokenizer.EncodedBatch;
import dev.tweetox.bert.tokenizer.Vocabulary;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.transformer.model.BertClassifier;
import dev.tweetox.transformer.model.BertInputs;
import dev.tweetox.transformer.training.ClassifierFactory;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MiniLM import against the original: our DJL BERT with the weights matched out of the ONNX file gives the same
 * hidden states as ONNX Runtime running that file. Needs the 83 MB artifact, hence the tag.
 */
@Tag("weights")
class MiniLmImportWeightsTest {
  @Test
  void configAndVocabularyAreMiniLmL6H384WithBertUncasedWordPieces() {
    MiniLmArtifact a = MiniLmArtifact.open();
    BertConfig c = a.config();
    assertThat(List.of(c.vocabSize(), c.hidden(), c.layers(), c.heads(), c.intermediate(), c.maxPositions(),
        c.typeVocab())).containsExactly(30522, 384, 6, 12, 1536, 512, 2);
    Vocabulary v = a.vocabulary();
    // all-MiniLM-L6-v2 kept bert-base-uncased's word pieces, id for id
    assertThat(v.tokens()).isEqualTo(PretrainedBert.open().vocabulary().tokens());
    assertThat(new WordPieceTokenizer(v).tokenize("Unaffable tweets")).containsExactly("una", "##ffa", "##ble",
        "t", "##wee", "##ts");
  }

  @Test
  void djlHiddenStatesMatchOnnxRuntimeOnTheOriginalFile() throws Exception {
    MiniLmArtifact a = MiniLmArtifact.open();
    BertConfig c = a.config();
    WordPieceTokenizer tok = new WordPieceTokenizer(a.vocabulary());
    EncodedBatch batch = tok.encodeBatch(List.of("I love this so much!", "worst. service. ever.",
        "the meeting moved to 3pm on thursday", "ok"), 32);
    float[] djl;
    try (NDManager m = NDManager.newBaseManager()) {
      BertClassifier model = ClassifierFactory.create(c.withNumLabels(3).withDropout(0f, 0f), m);
      dev.tweetox.transformer.pretrained.BertWeights.load(model.namedParameters(), a.tensors())
          .requireLoaded(List.of("classifier."));
      djl = model.encoder().forwardLower(new ParameterStore(m, false), BertInputs.of(m, batch), c.layers(), false)
          .toFloatArray();
    }
    float[] ort;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = {batch.batchSize(), batch.seqLength()};
    try (OrtSession s = env.createSession(Files.readAllBytes(a.onnxFile()), new OrtSession.SessionOptions());
        OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape);
        OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape);
        OrtSession.Result r = s.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
      float[][][] h = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
      ort = new float[djl.length];
      int k = 0;
      for (float[][] row : h) {
        for (float[] tokenVec : row) {
          for (float v : tokenVec) {
            ort[k++] = v;
          }
        }
      }
    }
    assertThat(djl).hasSameSizeAs(ort);
    double maxDiff = 0;
    for (int i = 0; i < djl.length; i++) {
      int token = i / c.hidden();
      if (batch.attentionMask()[token] == 0) {
        continue; // padding positions are not compared: neither model's output there is used
      }
      maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
    }
    assertThat(maxDiff).isLessThan(1e-3);
  }
}
