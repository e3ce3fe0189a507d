package dev.tweetox.predict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
   * @param textColumn the column or key with the text; empty means the first of text, review, tweet, content
   */
  public static List<Item> read(String name, InputStream in, String textColumn) {
    String content = decode(name, in);
    String lower = name.toLowerCase(Locale.ROOT);
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

  public static List<Item> read(Path file, String textColumn) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException(file + ": no such file; pass an existing CSV, TSV, JSONL or text file to --input,"
          + " or - for standard input");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(file.toString(), in, textColumn);
    } catch (IOException e) {
      throw new TweetoxException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String decode(String name, InputStream in) {
    try {
      byte[] bytes = in.readAllBytes();
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new TweetoxException(name + ": not valid UTF-8; re-save the file as UTF-8");
    } catch (IOException e) {
      throw new TweetoxException(name + ": cannot read: " + e.getMessage(), e);
    }
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
