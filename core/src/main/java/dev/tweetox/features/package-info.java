/**
 * TF-IDF text features with scikit-learn's semantics (word n-grams with the default token pattern, {@code char_wb}
 * n-grams, smoothed idf, optional sublinear tf, per-block L2 normalisation), producing {@link
 * dev.tweetox.features.SparseMatrix} rows. Entry point: {@link dev.tweetox.features.TfidfVectorizer#fit}.
 */
package dev.tweetox.features;
