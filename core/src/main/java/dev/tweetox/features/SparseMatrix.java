package dev.tweetox.features;

import java.util.Arrays;

/**
 * An immutable row-compressed (CSR) sparse matrix of doubles. Within a row, column indices are strictly increasing.
 *
 * <p>Rows are documents and columns are TF-IDF features; this is all the baseline needs, so there is no arithmetic
 * beyond what training and prediction use.
 */
public final class SparseMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowPtr;
  private final int[] colIdx;
  private final double[] values;

  /**
   * @param rowPtr {@code rows + 1} offsets into {@code colIdx}/{@code values}; row {@code r} spans
   *     {@code [rowPtr[r], rowPtr[r+1])}
   */
  public SparseMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
    if (rowPtr.length != rows + 1 || rowPtr[0] != 0 || rowPtr[rows] != colIdx.length
        || colIdx.length != values.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays");
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public int nnz() {
    return colIdx.length;
  }

  /** First storage position of row {@code r}. */
  public int rowStart(int r) {
    return rowPtr[r];
  }

  /** One past the last storage position of row {@code r}. */
  public int rowEnd(int r) {
    return rowPtr[r + 1];
  }

  /** Column index at a storage position. */
  public int col(int pos) {
    return colIdx[pos];
  }

  /** Value at a storage position. */
  public double value(int pos) {
    return values[pos];
  }

  /** The entry at (r, c), 0 when not stored. */
  public double get(int r, int c) {
    int pos = Arrays.binarySearch(colIdx, rowPtr[r], rowPtr[r + 1], c);
    return pos >= 0 ? values[pos] : 0.0;
  }

  /** Euclidean norm of row {@code r}. */
  public double rowNorm(int r) {
    double s = 0;
    for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
      s += values[p] * values[p];
    }
    return Math.sqrt(s);
  }

  /** Places {@code right}'s columns after this matrix's columns, row by row (like scipy's {@code hstack}). */
  public SparseMatrix hstack(SparseMatrix right) {
    if (right.rows != rows) {
      throw new IllegalArgumentException("row counts differ: " + rows + " vs " + right.rows);
    }
    int[] ptr = new int[rows + 1];
    int[] idx = new int[nnz() + right.nnz()];
    double[] val = new double[idx.length];
    int pos = 0;
    for (int r = 0; r < rows; r++) {
      for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++, pos++) {
        idx[pos] = colIdx[p];
        val[pos] = values[p];
      }
      for (int p = right.rowPtr[r]; p < right.rowPtr[r + 1]; p++, pos++) {
        idx[pos] = right.colIdx[p] + cols;
        val[pos] = right.values[p];
      }
      ptr[r + 1] = pos;
    }
    return new SparseMatrix(rows, cols + right.cols, ptr, idx, val);
  }
}
