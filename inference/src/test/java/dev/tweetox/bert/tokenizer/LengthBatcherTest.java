package dev.tweetox.bert.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBatcherTest {
  private static int[] lengths(int n) {
    Random r = new Random(5);
    return IntStream.range(0, n).map(i -> 3 + r.nextInt(60)).toArray();
  }

  @Test
  void everyExampleAppearsExactlyOncePerEpoch() {
    int[] len = lengths(1001);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<int[]> batches = LengthBatcher.epoch(len, 32, 42, epoch, 5);
      int[] all = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
      assertThat(all).containsExactly(IntStream.range(0, 1001).toArray());
      assertThat(batches).allSatisfy(b -> assertThat(b.length).isBetween(1, 32));
    }
  }

  @Test
  void orderIsRebuiltFromSeedAndEpochAndChangesAcrossEpochs() {
    int[] len = lengths(500);
    List<int[]> a = LengthBatcher.epoch(len, 16, 42, 1, 50);
    List<int[]> b = LengthBatcher.epoch(len, 16, 42, 1, 50);
    List<int[]> c = LengthBatcher.epoch(len, 16, 42, 2, 50);
    assertThat(a).usingElementComparator(Arrays::compare).containsExactlyElementsOf(b);
    assertThat(Arrays.compare(a.get(0), c.get(0))).isNotZero();
  }

  @Test
  void bucketingPadsFarLessThanRandomBatches() {
    int[] len = lengths(3200);
    long bucketed = padding(LengthBatcher.epoch(len, 32, 42, 0, 50), len);
    long random = padding(LengthBatcher.epoch(len, 32, 42, 0, 1), len); // chunks of one batch: no sorting gain
    assertThat(bucketed * 5).isLessThan(random);
  }

  @Test
  void sortedBatchesGoLongestFirst() {
    List<int[]> batches = LengthBatcher.sorted(new int[] {3, 9, 5, 7, 1}, 2);
    assertThat(batches).usingElementComparator(Arrays::compare)
        .containsExactly(new int[] {1, 3}, new int[] {2, 0}, new int[] {4});
  }

  private static long padding(List<int[]> batches, int[] len) {
    long pad = 0;
    for (int[] b : batches) {
      int max = Arrays.stream(b).map(i -> len[i]).max().orElse(0);
      for (int i : b) {
        pad += max - len[i];
      }
    }
    return pad;
  }
}
