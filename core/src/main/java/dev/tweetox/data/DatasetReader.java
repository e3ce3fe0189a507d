package dev.tweetox.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.DataFormat;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), TSV (the same quoting, tab-separated,
 * as pandas writes it) and JSONL (one object per line). Plain or gzipped, UTF-8 with or without a byte-order mark.
 *
 * <p>The container is chosen by {@code data.format} ({@code csv}, {@code tsv}, {@code jsonl}) or else by the file
 * extension ({@code .tsv}, {@code .jsonl}/{@code .ndjson}, each optionally {@code .gz}); everything else is CSV.
 * Columns are picked by {@link ColumnResolver}. Blank lines are skipped. Every error names the file and the data row
 * and line.
 */
public final class DatasetReader {
  /**
   * Longest accepted text cell. Tweets are at most a few hundred characters; a cell this long almost always means
   * an unclosed quote swallowed the rows after it, so failing loudly beats training on garbage.
   */
  public static final int MAX_TEXT_CHARS = 20_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatasetReader() {}

  static RawTable read(Path file, DataConfig config) {
    return read(SourceText.read(file), config);
  }

  static RawTable read(SourceText src, DataConfig config) {
    if (src.isBlank()) {
      throw new TweetoxException(src.source() + " is empty; expected a header line and data rows");
    }
    String name = src.fileName().toLowerCase(Locale.ROOT);
    DataFormat container = switch (config.format()) {
      case CSV, TSV, JSONL -> config.format();
      default -> name.endsWith(".jsonl") || name.endsWith(".ndjson") ? DataFormat.JSONL
          : name.endsWith(".tsv") ? DataFormat.TSV : DataFormat.CSV;
    };
    return switch (container) {
      case JSONL -> readJsonl(src, config);
      case TSV -> readDelimited(src, config, '\t');
      default -> readDelimited(src, config, ',');
    };
  }

  private static RawTable readDelimited(SourceText src, DataConfig config, char delimiter) {
    String kind = delimiter == '\t' ? "TSV" : "CSV";
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    if (src.badUtf8().isPresent()) {
      throw src.utf8Error(rowAt(src, format));
    }
    LineCounter lines = new LineCounter(src.text());
    try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
      Iterator<CSVRecord> it = parser.iterator();
      List<String> header = it.hasNext() ? it.next().toList() : List.of();
      ColumnResolver.Resolved cols = ColumnResolver.resolve(header, config, src.source());
      List<RawRow> rows = new ArrayList<>();
      long blank = 0;
      while (it.hasNext()) {
        CSVRecord rec = it.next();
        long line = lines.lineAt(rec.getCharacterPosition());
        if (rec.stream().allMatch(String::isBlank)) {
          blank++;
          continue;
        }
        long row = rows.size() + 1;
        checkWidth(rec, header.size(), src.source(), row, line);
        String id = cols.id() < 0 ? "" : rec.get(cols.id());
        rows.add(new RawRow(id.trim(), rec.get(cols.text()), rec.get(cols.label()), row, line));
      }
      return finish(src, cols, rows, blank);
    } catch (UncheckedIOException e) {
      throw new TweetoxException(src.source() + ": not valid " + kind + ": " + e.getCause().getMessage()
          + "; fields holding the delimiter, quotes or line breaks must be double-quoted, inner quotes doubled");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record may have trailing empty cells (spreadsheet exports), but no missing or extra non-empty ones. */
  private static void checkWidth(CSVRecord rec, int width, String source, long row, long line) {
    boolean extraFilled = false;
    for (int i = width; i < rec.size(); i++) {
      extraFilled |= !rec.get(i).isBlank();
    }
    if (rec.size() < width || extraFilled) {
      throw new TweetoxException(RawRow.where(source, row, line) + ": has " + rec.size() + " fields but the header has "
          + width + "; a text containing the delimiter must be double-quoted");
    }
  }

  /** The data row holding the first bad UTF-8 byte (0 = header, -1 = unknown), by re-parsing the lenient text. */
  private static long rowAt(SourceText src, CSVFormat format) {
    try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
      long row = -1;
      for (CSVRecord rec : parser) {
        if (rec.getCharacterPosition() > src.badUtf8Char()) {
          break;
        }
        row++;
      }
      return row;
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  private static RawTable readJsonl(SourceText src, DataConfig config) {
    String[] lines = src.text().split("\r?\n", -1);
    List<RawRow> rows = new ArrayList<>();
    ColumnResolver.Resolved cols = null;
    long blank = 0;
    for (int i = 0; i < lines.length; i++) {
      long lineNo = i + 1;
      if (lines[i].isBlank()) {
        blank += i < lines.length - 1 ? 1 : 0; // a final newline is not a blank line
        continue;
      }
      long row = rows.size() + 1;
      if (src.badUtf8().isPresent() && lineNo == src.badUtf8Line()) {
        throw src.utf8Error(row);
      }
      JsonNode node = parseObject(lines[i], RawRow.where(src.source(), row, lineNo));
      if (cols == null) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        cols = ColumnResolver.resolve(keys, config, src.source());
      }
      String text = field(node, cols.names().text(), src.source(), row, lineNo);
      String label = field(node, cols.names().label(), src.source(), row, lineNo);
      String id = cols.id() < 0 ? "" : field(node, cols.names().id(), src.source(), row, lineNo);
      rows.add(new RawRow(id.trim(), text, label, row, lineNo));
    }
    if (cols == null) {
      throw new TweetoxException(src.source() + " is empty; expected one JSON object per line");
    }
    return finish(src, cols, rows, blank);
  }

  private static JsonNode parseObject(String line, String where) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new TweetoxException(where + ": expected a JSON object like {\"text\": ..., \"label\": ...}");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new TweetoxException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A value by key in any letter case; null and missing become "", so the row counts as empty. */
  private static String field(JsonNode node, String key, String source, long row, long line) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(key)) {
        JsonNode v = e.getValue();
        if (v.isContainerNode()) {
          throw new TweetoxException(RawRow.where(source, row, line) + ": key '" + key
              + "' holds an object or array; expected a string or number");
        }
        return v.isNull() ? "" : v.asText();
      }
    }
    return "";
  }

  /** Checks that span rows (text length, unique ids) and packs the table. */
  private static RawTable finish(SourceText src, ColumnResolver.Resolved cols, List<RawRow> rows, long blank) {
    if (rows.isEmpty()) {
      throw new TweetoxException(src.source() + " has a header but no data rows");
    }
    Map<String, RawRow> seenIds = new HashMap<>();
    for (RawRow r : rows) {
      if (r.text().length() > MAX_TEXT_CHARS) {
        throw new TweetoxException(r.where(src.source()) + ": the text has " + r.text().length()
            + " characters, more than the limit of " + MAX_TEXT_CHARS
            + "; an unclosed quote in or above this row may have swallowed the rows after it");
      }
      if (cols.id() >= 0 && !r.text().isBlank() && !r.label().isBlank()) {
        if (r.id().isEmpty()) {
          throw new TweetoxException(r.where(src.source()) + ": empty id in column '" + cols.names().id()
              + "'; give every row an id, or unset data.idColumn to use text hashes");
        }
        RawRow first = seenIds.putIfAbsent(r.id(), r);
        if (first != null) {
          throw new TweetoxException(r.where(src.source()) + ": id '" + r.id() + "' is already used by row "
              + first.row() + " (line " + first.line() + "); ids in column '" + cols.names().id()
              + "' must be unique");
        }
      }
    }
    return new RawTable(src.source(), src.fingerprint(), cols.layout(), cols.names(), cols.id() >= 0,
        List.copyOf(rows), blank);
  }

  /** Maps char offsets to 1-based line numbers; offsets must be asked in increasing order. */
  private static final class LineCounter {
    private final String text;
    private int pos;
    private long line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    /** The line of the first character at or after offset that is not a line break (commons-csv reports the
     * record start before any empty lines it skipped). */
    long lineAt(long offset) {
      int target = (int) offset;
      while (target < text.length() && (text.charAt(target) == '\n' || text.charAt(target) == '\r')) {
        target++;
      }
      for (; pos < target; pos++) {
        if (text.charAt(pos) == '\n') {
          line++;
        }
      }
      return line;
    }
  }
}
