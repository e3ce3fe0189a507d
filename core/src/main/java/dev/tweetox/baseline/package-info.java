/**
 * The TF-IDF + logistic-regression baseline: liblinear one-vs-rest fits ({@link
 * dev.tweetox.baseline.LogisticRegression}), a leakage-free cross-validated grid search ({@link
 * dev.tweetox.baseline.GridSearch}), and the trained, savable {@link dev.tweetox.baseline.BaselineModel}. Entry point:
 * {@link dev.tweetox.baseline.BaselineTrainer#train}.
 */
package dev.tweetox.baseline;
