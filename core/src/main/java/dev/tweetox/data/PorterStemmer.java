package dev.tweetox.data;

/**
 * The Porter (1980) suffix-stripping stemmer, in the form of Martin Porter's reference implementation (which includes
 * his two published departures from the paper: {@code -bli -> -ble} and {@code -logi -> -log}). Works on lowercase
 * ASCII words; anything else is returned unchanged. Not thread-safe per instance, so {@link #stem} makes a fresh one.
 */
final class PorterStemmer {
  private final char[] b;
  private int k; // end of the current word (inclusive)
  private int j; // end of the stem once a suffix matched

  private PorterStemmer(String word) {
    b = word.toCharArray();
    k = b.length - 1;
  }

  /** Stems one lowercase word; words of one or two letters and non a-z words are returned unchanged. */
  static String stem(String word) {
    if (word.length() <= 2 || !word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return word;
    }
    PorterStemmer s = new PorterStemmer(word);
    s.step1ab();
    if (s.k > 0) {
      s.step1c();
      s.step2();
      s.step3();
      s.step4();
      s.step5();
    }
    return new String(s.b, 0, s.k + 1);
  }

  private boolean cons(int i) {
    return switch (b[i]) {
      case 'a', 'e', 'i', 'o', 'u' -> false;
      case 'y' -> i == 0 || !cons(i - 1);
      default -> true;
    };
  }

  /** The measure m of b[0..j]: the number of vowel-consonant sequences, [C](VC)^m[V]. */
  private int m() {
    int n = 0;
    int i = 0;
    while (i <= j && cons(i)) {
      i++;
    }
    while (i <= j) {
      while (i <= j && !cons(i)) {
        i++;
      }
      if (i > j) {
        return n;
      }
      n++;
      while (i <= j && cons(i)) {
        i++;
      }
    }
    return n;
  }

  private boolean vowelInStem() {
    for (int i = 0; i <= j; i++) {
      if (!cons(i)) {
        return true;
      }
    }
    return false;
  }

  private boolean doubleC(int i) {
    return i >= 1 && b[i] == b[i - 1] && cons(i);
  }

  /** Consonant-vowel-consonant ending at i, the last consonant not w, x or y (e.g. hop, not snow). */
  private boolean cvc(int i) {
    if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) {
      return false;
    }
    return b[i] != 'w' && b[i] != 'x' && b[i] != 'y';
  }

  private boolean ends(String s) {
    int len = s.length();
    if (len > k + 1) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[k - len + 1 + i] != s.charAt(i)) {
        return false;
      }
    }
    j = k - len;
    return true;
  }

  /** Replaces b[j+1..k] with s. The array only ever shrinks or keeps its length, so it never overflows. */
  private void setTo(String s) {
    for (int i = 0; i < s.length(); i++) {
      b[j + 1 + i] = s.charAt(i);
    }
    k = j + s.length();
  }

  private void replaceIfMeasured(String s) {
    if (m() > 0) {
      setTo(s);
    }
  }

  /** Plurals and -ed / -ing. */
  private void step1ab() {
    if (b[k] == 's') {
      if (ends("sses")) {
        k -= 2;
      } else if (ends("ies")) {
        setTo("i");
      } else if (k >= 1 && b[k - 1] != 's') {
        k--;
      }
    }
    if (ends("eed")) {
      if (m() > 0) {
        k--;
      }
    } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
      k = j;
      if (ends("at")) {
        setTo("ate");
      } else if (ends("bl")) {
        setTo("ble");
      } else if (ends("iz")) {
        setTo("ize");
      } else if (doubleC(k)) {
        char ch = b[k];
        if (ch != 'l' && ch != 's' && ch != 'z') {
          k--;
        }
      } else {
        j = k;
        if (m() == 1 && cvc(k)) {
          setTo("e");
        }
      }
    }
  }

  /** Terminal y -> i when there is another vowel in the stem. */
  private void step1c() {
    if (ends("y") && vowelInStem()) {
      b[k] = 'i';
    }
  }

  /** Double suffixes to single ones, e.g. -ization -> -ize, when m > 0. */
  private void step2() {
    if (k < 1) {
      return;
    }
    switch (b[k - 1]) {
      case 'a' -> {
        if (ends("ational")) {
          replaceIfMeasured("ate");
        } else if (ends("tional")) {
          replaceIfMeasured("tion");
        }
      }
      case 'c' -> {
        if (ends("enci")) {
          replaceIfMeasured("ence");
        } else if (ends("anci")) {
          replaceIfMeasured("ance");
        }
      }
      case 'e' -> {
        if (ends("izer")) {
          replaceIfMeasured("ize");
        }
      }
      case 'l' -> {
        if (ends("bli")) {
          replaceIfMeasured("ble");
        } else if (ends("alli")) {
          replaceIfMeasured("al");
        } else if (ends("entli")) {
          replaceIfMeasured("ent");
        } else if (ends("eli")) {
          replaceIfMeasured("e");
        } else if (ends("ousli")) {
          replaceIfMeasured("ous");
        }
      }
      case 'o' -> {
        if (ends("ization")) {
          replaceIfMeasured("ize");
        } else if (ends("ation")) {
          replaceIfMeasured("ate");
        } else if (ends("ator")) {
          replaceIfMeasured("ate");
        }
      }
      case 's' -> {
        if (ends("alism")) {
          replaceIfMeasured("al");
        } else if (ends("iveness")) {
          replaceIfMeasured("ive");
        } else if (ends("fulness")) {
          replaceIfMeasured("ful");
        } else if (ends("ousness")) {
          replaceIfMeasured("ous");
        }
      }
      case 't' -> {
        if (ends("aliti")) {
          replaceIfMeasured("al");
        } else if (ends("iviti")) {
          replaceIfMeasured("ive");
        } else if (ends("biliti")) {
          replaceIfMeasured("ble");
        }
      }
      case 'g' -> {
        if (ends("logi")) {
          replaceIfMeasured("log");
        }
      }
      default -> { }
    }
  }

  /** -ic-, -full, -ness etc., when m > 0. */
  private void step3() {
    switch (b[k]) {
      case 'e' -> {
        if (ends("icate")) {
          replaceIfMeasured("ic");
        } else if (ends("ative")) {
          replaceIfMeasured("");
        } else if (ends("alize")) {
          replaceIfMeasured("al");
        }
      }
      case 'i' -> {
        if (ends("iciti")) {
          replaceIfMeasured("ic");
        }
      }
      case 'l' -> {
        if (ends("ical")) {
          replaceIfMeasured("ic");
        } else if (ends("ful")) {
          replaceIfMeasured("");
        }
      }
      case 's' -> {
        if (ends("ness")) {
          replaceIfMeasured("");
        }
      }
      default -> { }
    }
  }

  /** Drops -ant, -ence etc. in context m > 1. */
  private void step4() {
    if (k < 1) {
      return;
    }
    boolean matched = switch (b[k - 1]) {
      case 'a' -> ends("al");
      case 'c' -> ends("ance") || ends("ence");
      case 'e' -> ends("er");
      case 'i' -> ends("ic");
      case 'l' -> ends("able") || ends("ible");
      case 'n' -> ends("ant") || ends("ement") || ends("ment") || ends("ent");
      case 'o' -> (ends("ion") && j >= 0 && (b[j] == 's' || b[j] == 't')) || ends("ou");
      case 's' -> ends("ism");
      case 't' -> ends("ate") || ends("iti");
      case 'u' -> ends("ous");
      case 'v' -> ends("ive");
      case 'z' -> ends("ize");
      default -> false;
    };
    if (matched && m() > 1) {
      k = j;
    }
  }

  /** Final -e and -ll. */
  private void step5() {
    j = k;
    if (b[k] == 'e') {
      int a = m();
      if (a > 1 || (a == 1 && !cvc(k - 1))) {
        k--;
      }
    }
    if (b[k] == 'l' && doubleC(k) && m() > 1) {
      k--;
    }
  }
}
