package dev.tweetox.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparseMatrixTest {
  @Test
  void hstackShiftsTheRightColumns() {
    SparseMatrix a = new SparseMatrix(2, 3, new int[] {0, 1, 1}, new int[] {2}, new double[] {5});
    SparseMatrix b = new SparseMatrix(2, 2, new int[] {0, 1, 3}, new int[] {1, 0, 1}, new double[] {1, 2, 3});
    SparseMatrix h = a.hstack(b);
    assertThat(h.cols()).isEqualTo(5);
    assertThat(h.nnz()).isEqualTo(4);
    assertThat(h.get(0, 2)).isEqualTo(5);
    assertThat(h.get(0, 4)).isEqualTo(1);
    assertThat(h.get(1, 3)).isEqualTo(2);
    assertThat(h.get(1, 4)).isEqualTo(3);
    assertThat(h.get(1, 0)).isZero();
  }

  @Test
  void rejectsInconsistentArrays() {
    assertThatThrownBy(() -> new SparseMatrix(2, 3, new int[] {0, 1}, new int[] {0}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
