package dev.tweetox.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import dev.tweetox.data.SourceText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Texts to label: a CSV/TSV with a text column, a JSONL file with a {@code text} key, or plain text with one tweet
 * per line (a {@code .txt} file or standard input).
 */
public final class PredictInput {
  private static final List<String> TEXT_COLUMNS = List.of("text", "review", "tweet", "content");
  private static final List<String> ID_COLUMNS = List.of("id", "textid", "tweet_id");

  /** One text to label, with its id if the input had one. */
  public record Item(String id, String text) {}

  private PredictInput() {}

  /**
   * @param name how messages name the input; its extension picks CSV, TSV, JSONL or plain lines ({@code .gz} is
   *     read transparently)
   * @param textColumn the column or key with the text; empty means the first of text, review, tweet, content
   */
  public static List<Item> read(String name, InputStream in, String textColumn) {
    try {
      return parse(SourceText.of(name, name, in), textColumn);
    } catch (IOException e) {
      throw new TweetoxException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  public static List<Item> read(Path file, String textColumn) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException(file + ": no such file; pass an existing CSV, TSV, JSONL or text file to --input,"
          + " or - for standard input");
    }
    return parse(SourceText.read(file), textColumn);
  }

  private static List<Item> parse(SourceText src, String textColumn) {
    String name = src.source();
    if (src.badUtf8().isPresent()) {
      throw new TweetoxException(name + " line " + src.badUtf8Line() + ": not valid UTF-8; re-save the file as UTF-8");
    }
    String content = src.text();
    String lower = src.fileName().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return jsonl(name, content, textColumn);
    }
    if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
      return table(name, content, lower.endsWith(".tsv") ? '\t' : ',', textColumn);
    }
    List<Item> items = new ArrayList<>();
    content.lines().filter(l -> !l.isBlank()).forEach(l -> items.add(new Item("", l)));
    return items;
  }

  private static List<Item> table(String name, String content, char delimiter, String textColumn) {
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).get();
    try (Reader r = new StringReader(content); CSVParser p = CSVParser.parse(r, fmt)) {
      Map<String, String> byLower = new TreeMap<>();
      p.getHeaderNames().forEach(h -> byLower.put(h.trim().toLowerCase(Locale.ROOT), h));
      String text = pick(name, byLower, textColumn, TEXT_COLUMNS, p.getHeaderNames());
      String id = ID_COLUMNS.stream().filter(byLower::containsKey).map(byLower::get).findFirst().orElse(null);
      List<Item> items = new ArrayList<>();
      for (CSVRecord rec : p) {
        if (!rec.isMapped(text) || !rec.isSet(text)) {
          throw new TweetoxException(name + " row " + rec.getRecordNumber() + ": no value in column '" + text + "'");
        }
        items.add(new Item(id == null ? "" : rec.get(id), rec.get(text)));
      }
      return items;
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new TweetoxException(name + ": malformed CSV: " + e.getMessage(), e);
    }
  }

  private static List<Item> jsonl(String name, String content, String textColumn) {
    ObjectMapper json = new ObjectMapper();
    String key = textColumn.isEmpty() ? "text" : textColumn;
    List<Item> items = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new StringReader(content))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new TweetoxException(name + " line " + n + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path(key).isTextual()) {
          throw new TweetoxException(name + " line " + n + ": needs a string field \"" + key + "\"");
        }
        items.add(new Item(node.path("id").asText(""), node.get(key).asText()));
      }
    } catch (IOException e) {
      throw new TweetoxException(name + ": cannot read: " + e.getMessage(), e);
    }
    return items;
  }

  private static String pick(String name, Map<String, String> byLower, String wanted, List<String> candidates,
      List<String> header) {
    if (!wanted.isEmpty()) {
      String hit = byLower.get(wanted.toLowerCase(Locale.ROOT));
      if (hit == null) {
        throw new TweetoxException(name + ": no column '" + wanted + "'; the columns are " + header);
      }
      return hit;
    }
    return candidates.stream().filter(byLower::containsKey).map(byLower::get).findFirst()
        .orElseThrow(() -> new TweetoxException(name + ": no text column (looked for " + candidates
            + "); the columns are " + header + "; choose one with --text-column"));
  }

}
