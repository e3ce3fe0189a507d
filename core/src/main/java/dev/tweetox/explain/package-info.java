/**
 * Word-level explanations of a prediction, on the raw tweet's own characters so a page can highlight them: exact
 * linear contributions for the TF-IDF baseline ({@link dev.tweetox.explain.LinearExplainer}), occlusion for every
 * other model ({@link dev.tweetox.explain.OcclusionExplainer}). Entry point: {@link
 * dev.tweetox.explain.Explainer#forModel}.
 */
package dev.tweetox.explain;
