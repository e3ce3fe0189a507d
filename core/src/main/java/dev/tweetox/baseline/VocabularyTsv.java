package dev.tweetox.baseline;

import dev.tweetox.TweetoxException;
import dev.tweetox.features.Analyzer;
import dev.tweetox.features.TfidfBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code vocabulary.tsv} codec: UTF-8, one line per feature column in column order, {@code block TAB term TAB
 * idf}, where block is {@code word} or {@code char_wb}. In terms, backslash, tab, newline and carriage return are
 * written {@code \\ \t \n \r}. The idf is Java's shortest exact decimal, so it reads back bit for bit.
 */
final class VocabularyTsv {
  private VocabularyTsv() {}

  static byte[] encode(List<TfidfBlock> blocks) {
    StringBuilder sb = new StringBuilder();
    for (TfidfBlock block : blocks) {
      List<String> terms = block.terms();
      double[] idf = block.idf();
      for (int i = 0; i < terms.size(); i++) {
        sb.append(block.analyzer().name()).append('\t');
        escape(terms.get(i), sb);
        sb.append('\t').append(idf[i]).append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Rebuilds the blocks in the order of {@code analyzers}, checking each has the recorded number of terms.
   *
   * @param sizes expected terms per analyzer
   */
  static List<TfidfBlock> decode(byte[] bytes, Path file, List<Analyzer> analyzers, int[] sizes, boolean sublinear) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<TfidfBlock> blocks = new ArrayList<>();
    int pos = 0;
    int line = 0;
    for (int b = 0; b < analyzers.size(); b++) {
      Analyzer analyzer = analyzers.get(b);
      List<String> terms = new ArrayList<>(sizes[b]);
      double[] idf = new double[sizes[b]];
      for (int i = 0; i < sizes[b]; i++) {
        int end = text.indexOf('\n', pos);
        line++;
        if (end < 0) {
          throw bad(file, line, "ends early; model.json records more terms");
        }
        String[] cols = text.substring(pos, end).split("\t", -1);
        pos = end + 1;
        if (cols.length != 3 || !cols[0].equals(analyzer.name())) {
          throw bad(file, line, "expected '" + analyzer.name() + "<TAB>term<TAB>idf'");
        }
        terms.add(unescape(cols[1]));
        try {
          idf[i] = Double.parseDouble(cols[2]);
        } catch (NumberFormatException e) {
          throw bad(file, line, "idf '" + cols[2] + "' is not a number");
        }
      }
      try {
        blocks.add(new TfidfBlock(analyzer, sublinear, terms, idf));
      } catch (IllegalArgumentException e) {
        throw bad(file, line, e.getMessage());
      }
    }
    if (pos != text.length()) {
      throw bad(file, line + 1, "has more lines than model.json records");
    }
    return blocks;
  }

  private static TweetoxException bad(Path file, int line, String problem) {
    return new TweetoxException(
        file + ": line " + line + " " + problem + "; the model is corrupted -- re-train or re-export it");
  }

  private static void escape(String term, StringBuilder sb) {
    for (int i = 0; i < term.length(); i++) {
      char c = term.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(switch (n) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
