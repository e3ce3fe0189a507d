package dev.tweetox.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Occlusion: a word's score is the explained class's probability on the whole text minus its probability with that
 * word replaced by a space in the raw text. Model-agnostic; each variant is cleaned like any input, so an emoji or
 * a URL is removed before cleaning turns it into words or a placeholder.
 *
 * <p>All texts and all their variants go to the scorer in one call (tweets are short: a 30-word tweet is 31 rows),
 * so the model batches them. A text of more than {@value #MAX_WORDS} words has adjacent words merged into that many
 * spans, which bounds the cost of any one text.
 */
public final class OcclusionExplainer implements Explainer {
  /** The most spans one text is occluded in, so one long text costs at most this many model rows plus one. */
  public static final int MAX_WORDS = 64;

  private final RawScorer scorer;

  public OcclusionExplainer(RawScorer scorer) {
    this.scorer = scorer;
  }

  @Override
  public ExplanationMethod method() {
    return ExplanationMethod.OCCLUSION;
  }

  /** The units one text is occluded in. */
  public static List<WordScore> units(String raw) {
    return RawWords.atMost(raw, RawWords.of(raw), MAX_WORDS);
  }

  /** {@code raw} with one unit replaced by a space. */
  public static String without(String raw, WordScore unit) {
    return raw.substring(0, unit.start()) + " " + raw.substring(unit.end());
  }

  @Override
  public List<List<WordScore>> explain(List<String> rawTexts, int[] classes) {
    if (classes.length != rawTexts.size()) {
      throw new IllegalArgumentException(rawTexts.size() + " texts but " + classes.length + " classes");
    }
    List<List<WordScore>> units = new ArrayList<>(rawTexts.size());
    List<String> batch = new ArrayList<>(rawTexts);
    for (String raw : rawTexts) {
      List<WordScore> u = units(raw);
      units.add(u);
      u.forEach(w -> batch.add(without(raw, w)));
    }
    double[][] p = scorer.probabilities(batch);
    List<List<WordScore>> out = new ArrayList<>(rawTexts.size());
    int row = rawTexts.size();
    for (int i = 0; i < rawTexts.size(); i++) {
      double whole = p[i][classes[i]];
      List<WordScore> scored = new ArrayList<>(units.get(i).size());
      for (WordScore w : units.get(i)) {
        scored.add(new WordScore(w.word(), w.start(), w.end(), whole - p[row++][classes[i]]));
      }
      out.add(List.copyOf(scored));
    }
    return out;
  }
}
