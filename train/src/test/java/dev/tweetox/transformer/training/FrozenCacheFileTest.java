package dev.tweetox.transformer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.tweetox.bert.tokenizer.TokenizedSet;
import dev.tweetox.bert.tokenizer.WordPieceTokenizer;
import dev.tweetox.io.Progress;
import dev.tweetox.transformer.model.BertClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrozenCacheFileTest {
  private static NDManager root;
  private static BertClassifier model;
  private static TokenizedSet data;
  private static FrozenCache exact;

  @TempDir Path dir;
  private final AtomicInteger builds = new AtomicInteger();
  private final StringWriter log = new StringWriter();

  @BeforeAll
  static void tinyModel() {
    Progress.setQuiet(true);
    TrainingData d = TinyTraining.data();
    data = TokenizedSet.of(new WordPieceTokenizer(TinyTraining.VOCAB), d.trainTexts(), d.trainLabels(), 16);
    Engine.getInstance().setRandomSeed(5);
    root = NDManager.newBaseManager();
    model = ClassifierFactory.create(TinyTraining.bertConfig().withNumLabels(3), root);
    model.setFrozen(1, true);
    exact = FrozenCache.build(model, 1, data, 4, FrozenCache.Precision.FLOAT32, root, "test");
  }

  @AfterAll
  static void close() {
    root.close();
  }

  private FrozenCacheFile.Spec spec(TokenizedSet set, int layers, int maxLength, FrozenCache.Precision p) {
    return new FrozenCacheFile.Spec(FrozenCacheFile.key("tiny", layers, maxLength, p, set), layers,
        model.config().hidden(), p, set.lengths());
  }

  private FrozenCache load(Path file, TokenizedSet set, int layers, int maxLength, FrozenCache.Precision p) {
    return FrozenCacheFile.loadOrBuild(file, spec(set, layers, maxLength, p), sink -> {
      builds.incrementAndGet();
      FrozenCache.compute(model, layers, set, 4, root, "test", sink);
    }, new PrintWriter(log, true));
  }

  private FrozenCache load(Path file) {
    return load(file, data, 1, 16, FrozenCache.Precision.FLOAT16);
  }

  @Test
  void roundTripsWithinSixteenBitPrecision() {
    for (FrozenCache.Precision p : new FrozenCache.Precision[] {FrozenCache.Precision.FLOAT16,
        FrozenCache.Precision.BFLOAT16}) {
      FrozenCache c = load(dir.resolve(p + ".cache"), data, 1, 16, p);
      assertThat(c.size()).isEqualTo(data.size());
      assertThat(c.precision()).isEqualTo(p);
      double rel = p == FrozenCache.Precision.FLOAT16 ? 0x1p-11 : 0x1p-8;
      for (int i = 0; i < data.size(); i++) {
        float[] want = exact.row(i);
        float[] got = c.row(i);
        assertThat(got).hasSameSizeAs(want);
        for (int j = 0; j < want.length; j++) {
          assertThat((double) Math.abs(got[j] - want[j])).as("%s example %d value %d", p, i, j)
              .isLessThanOrEqualTo(Math.abs(want[j]) * rel + 0x1p-24);
        }
      }
    }
  }

  @Test
  void aValidFileIsReusedWithoutRecomputing() {
    FrozenCache first = load(dir.resolve("c.cache"));
    FrozenCache again = load(dir.resolve("c.cache"));

    assertThat(builds).hasValue(1);
    assertThat(first.reused()).isFalse();
    assertThat(again.reused()).isTrue();
    assertThat(log.toString()).contains("frozen cache: reusing " + dir.resolve("c.cache"));
    for (int i = 0; i < data.size(); i++) {
      assertThat(again.row(i)).containsExactly(first.row(i));
    }
  }

  @Test
  void aTruncatedFileIsRebuiltNotLoaded() throws IOException {
    Path file = dir.resolve("c.cache");
    load(file);
    long size = Files.size(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size - 100);
    }

    FrozenCache rebuilt = load(file);

    assertThat(builds).hasValue(2);
    assertThat(rebuilt.reused()).isFalse();
    assertThat(log.toString()).contains("truncated");
    assertThat(Files.size(file)).isEqualTo(size);
    assertThat(load(file).reused()).isTrue();
  }

  @Test
  void aCorruptedValueFailsItsChecksumAndIsRebuilt() throws IOException {
    Path file = dir.resolve("c.cache");
    FrozenCache good = load(file);
    float[][] want = new float[data.size()][];
    for (int i = 0; i < want.length; i++) {
      want[i] = good.row(i); // copied: the mapping would see the in-place corruption below
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10; // somewhere in the values
    Files.write(file, bytes);

    FrozenCache rebuilt = load(file);

    assertThat(builds).hasValue(2);
    assertThat(log.toString()).contains("fails its CRC check");
    for (int i = 0; i < data.size(); i++) {
      assertThat(rebuilt.row(i)).containsExactly(want[i]);
    }
  }

  @Test
  void aDamagedHeaderOrAnEmptyFileIsRebuilt() throws IOException {
    Path file = dir.resolve("c.cache");
    load(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[70] ^= 0x01; // a length in the header: the header CRC catches it
    Files.write(file, bytes);
    load(file);
    Files.write(file, new byte[0]);
    load(file);

    assertThat(builds).hasValue(3);
    assertThat(load(file).reused()).isTrue();
  }

  @Test
  void aChangedKeyRebuilds() {
    Path file = dir.resolve("c.cache");
    load(file);
    load(file, data, 1, 24, FrozenCache.Precision.FLOAT16); // max length
    load(file, data, 2, 24, FrozenCache.Precision.FLOAT16); // frozen depth
    int[] otherSplit = new int[data.size() - 1];
    for (int i = 0; i < otherSplit.length; i++) {
      otherSplit[i] = i + 1;
    }
    load(file, data.subset(otherSplit), 2, 24, FrozenCache.Precision.FLOAT16); // split ids
    int[] reordered = new int[data.size()];
    for (int i = 0; i < reordered.length; i++) {
      reordered[i] = data.size() - 1 - i;
    }
    FrozenCache last = load(file, data.subset(reordered), 2, 24, FrozenCache.Precision.FLOAT16);

    assertThat(builds).hasValue(5);
    assertThat(log.toString()).contains("written for other inputs");
    assertThat(last.size()).isEqualTo(data.size());
  }

  @Test
  void aKilledBuildLeavesNoFileAndItsTempIsCleanedUp() throws IOException {
    Path file = dir.resolve("c.cache");
    Files.write(dir.resolve(".c.cache123.tmp"), new byte[] {1, 2, 3}); // a killed build's leftover
    try {
      FrozenCacheFile.loadOrBuild(file, spec(data, 1, 16, FrozenCache.Precision.FLOAT16), sink -> {
        throw new IllegalStateException("killed");
      }, new PrintWriter(log, true));
    } catch (IllegalStateException expected) {
      // the build failed half-way
    }
    assertThat(file).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void float16RoundTripsEveryFiniteValueAndRoundsToNearestEven() {
    for (int h = 0; h < 1 << 16; h++) {
      float f = HalfFloats.fromF16((short) h);
      if (!Float.isNaN(f)) {
        assertThat(HalfFloats.toF16(f) & 0xFFFF).as("0x%04x", h).isEqualTo(h);
      } else {
        assertThat(Float.isNaN(HalfFloats.fromF16(HalfFloats.toF16(f)))).isTrue();
      }
    }
    assertThat(HalfFloats.fromF16(HalfFloats.toF16(1f + 0x1p-11f))).isEqualTo(1f); // tie -> even
    assertThat(HalfFloats.fromF16(HalfFloats.toF16(1f + 3 * 0x1p-11f))).isEqualTo(1f + 0x1p-9f); // tie -> even
    assertThat(HalfFloats.fromF16(HalfFloats.toF16(65519f))).isEqualTo(65504f);
    assertThat(HalfFloats.fromF16(HalfFloats.toF16(65520f))).isInfinite();
    assertThat(HalfFloats.fromF16(HalfFloats.toF16(1e-8f))).isEqualTo(0x1p-24f * Math.round(1e-8f * 0x1p24f));
    assertThat(FrozenCache.Precision.FLOAT16.decode(FrozenCache.Precision.FLOAT16.encode(1e6f))).isEqualTo(65504f);
  }
}
