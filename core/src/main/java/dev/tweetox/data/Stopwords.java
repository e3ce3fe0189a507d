package dev.tweetox.data;

import java.util.Set;

/**
 * A short English stopword list for the optional baseline step. Unlike the usual lists (NLTK's, which the reference
 * notebook used), it deliberately KEEPS negations ({@code not no never nor none nobody nothing neither nowhere
 * cannot}) and every {@code n't} form, and keeps contrast and degree words ({@code but very too so more most only
 * against}): they flip or scale sentiment, and dropping them cost the notebook several points of F1. What is left are
 * articles, pronouns, prepositions, auxiliaries and conjunctions.
 */
final class Stopwords {
  static final Set<String> WORDS = Set.of(
      "a", "an", "the", "and", "or", "if", "then", "than", "as", "of", "at", "by", "for", "with", "about", "into",
      "through", "during", "before", "after", "to", "from", "in", "on", "off", "over", "under", "again", "further",
      "up", "down", "out", "here", "there", "once", "when", "where", "why", "how", "all", "any", "both", "each", "few",
      "other", "some", "such", "own", "same", "just", "now", "i", "me", "my", "myself", "we", "our", "ours",
      "ourselves", "you", "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her",
      "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
      "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have",
      "has", "had", "having", "do", "does", "did", "doing", "will", "would", "shall", "should", "can", "could", "may",
      "might", "must", "because", "until", "while", "between", "above", "below", "s", "d", "ll", "m", "re", "ve",
      "i'm", "you're", "he's", "she's", "it's", "we're", "they're", "i've", "you've", "we've", "they've", "i'd",
      "you'd", "he'd", "she'd", "we'd", "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "that's",
      "there's", "what's", "let's");

  private Stopwords() {}

  static boolean contains(String lowercaseWord) {
    return WORDS.contains(lowercaseWord);
  }
}
