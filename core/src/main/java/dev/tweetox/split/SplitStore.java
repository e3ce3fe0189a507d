package dev.tweetox.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.TweetoxException;
import dev.tweetox.config.SplitConfig;
import dev.tweetox.data.Dataset;
import dev.tweetox.data.Example;
import dev.tweetox.data.GivenSplits;
import dev.tweetox.data.LabelSet;
import dev.tweetox.data.TextIds;
import dev.tweetox.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Keeps a run's split on disk so every model and every re-run evaluates on the same rows: {@code train_ids.csv},
 * {@code val_ids.csv}, {@code test_ids.csv} (header {@code id}, one id per line) and {@code split.json} (kind, data
 * fingerprint, seed, proportions, example count, SHA-256 of the sorted ids, class counts per part).
 *
 * <p>Each file is written atomically and {@code split.json} last, so it marks a complete split. An existing split is
 * reused only after checking that it still fits the data: same fingerprint, same cleaned example ids, seed and
 * proportions, no id in two parts,
 * no unknown id and no data id left out. Anything else is a {@link TweetoxException} saying which file and why.
 */
public final class SplitStore {
  public static final String MANIFEST = "split.json";
  private static final String FIX = "; delete the split files (train_ids.csv, val_ids.csv, test_ids.csv, split.json)"
      + " or use a new --run-dir";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final CSVFormat IDS = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  /** The split and whether it was read from the run directory rather than made now. */
  public record StoredSplit(SplitAssignment assignment, boolean reused) {}

  private SplitStore() {}

  public static StoredSplit loadOrCreate(Path runDir, Dataset data, SplitConfig config, long seed) {
    return loadOrCreate(runDir, data.examples(), data.labels(), data.fingerprint(), config, seed);
  }

  /** Reuses the stratified split in {@code runDir} if it is valid for these examples, otherwise makes and saves one. */
  public static StoredSplit loadOrCreate(Path runDir, List<Example> examples, LabelSet labels, String fingerprint,
      SplitConfig config, long seed) {
    ObjectNode expected = header("stratified", fingerprint);
    expected.put("seed", seed);
    ObjectNode props = expected.putObject("proportions");
    for (SplitPart p : SplitPart.values()) {
      props.put(p.key(), fraction(config, p));
    }
    return loadOrCreate(runDir, examples, labels, expected, () -> StratifiedSplitter.split(examples, config, seed));
  }

  private static double fraction(SplitConfig config, SplitPart part) {
    return switch (part) {
      case TRAIN -> config.train();
      case VAL -> config.val();
      case TEST -> config.test();
    };
  }

  /** Saves a given split (or checks the saved one), so a run directory always holds its split ids. */
  public static StoredSplit loadOrCreate(Path runDir, GivenSplits given) {
    return loadOrCreate(runDir, given.all(), given.labels(), header("given", given.fingerprint()),
        () -> SplitAssignment.of(given));
  }

  private static StoredSplit loadOrCreate(Path runDir, List<Example> examples, LabelSet labels, ObjectNode expected,
      Supplier<SplitAssignment> make) {
    Path manifest = runDir.resolve(MANIFEST);
    expected.put("total", examples.size());
    expected.put("idsSha256", idsDigest(examples));
    if (Files.exists(manifest)) {
      checkManifest(manifest, expected);
      return new StoredSplit(readIds(runDir, examples), true);
    }
    for (SplitPart p : SplitPart.values()) {
      if (Files.exists(runDir.resolve(p.idsFile()))) {
        throw new TweetoxException(runDir.resolve(p.idsFile()) + " exists but " + manifest + " does not, so the "
            + "split is incomplete (an interrupted run, or copied without split.json)" + FIX);
      }
    }
    SplitAssignment split = make.get();
    write(runDir, split, examples, labels, expected);
    return new StoredSplit(split, false);
  }

  private static ObjectNode header(String kind, String fingerprint) {
    ObjectNode node = JSON.createObjectNode();
    node.put("kind", kind);
    node.put("fingerprint", fingerprint);
    return node;
  }

  private static void write(Path runDir, SplitAssignment split, List<Example> examples, LabelSet labels,
      ObjectNode manifest) {
    for (SplitPart p : SplitPart.values()) {
      CsvOut.write(runDir.resolve(p.idsFile()), List.of("id"), split.ids(p).stream().map(List::of).toList());
    }
    manifest.putPOJO("labels", labels.names());
    ObjectNode counts = manifest.putObject("counts");
    ClassRatios ratios = ClassRatios.of(split, examples, labels);
    for (SplitPart p : SplitPart.values()) {
      ObjectNode part = counts.putObject(p.key());
      for (int c = 0; c < labels.size(); c++) {
        part.put(labels.name(c), ratios.count(p.key(), labels.name(c)));
      }
    }
    try {
      AtomicFiles.writeBytes(runDir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks kind, fingerprint, seed and proportions against what this run would use. */
  private static void checkManifest(Path manifest, ObjectNode expected) {
    JsonNode saved;
    try {
      saved = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new TweetoxException(manifest + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
          + ")" + FIX);
    }
    String kind = text(saved, "kind");
    if (!kind.equals(expected.get("kind").asText())) {
      throw new TweetoxException(manifest + ": the saved split is '" + kind + "' but this run uses a '"
          + expected.get("kind").asText() + "' split" + FIX);
    }
    String fp = text(saved, "fingerprint");
    String want = expected.get("fingerprint").asText();
    if (!fp.equals(want)) {
      throw new TweetoxException(manifest + ": data fingerprint " + abbrev(fp) + " differs from the input's "
          + abbrev(want) + " (the data changed since the split was made)" + FIX);
    }
    if (!text(saved, "idsSha256").equals(expected.get("idsSha256").asText())) {
      throw new TweetoxException(manifest + ": the input file is the same but its cleaned examples are not ("
          + saved.path("total").asText("?") + " saved, " + expected.get("total").asInt() + " now); did the "
          + "cleaning settings change?" + FIX);
    }
    if (expected.has("seed") && saved.path("seed").asLong(Long.MIN_VALUE) != expected.get("seed").asLong()) {
      throw new TweetoxException(manifest + ": the split was made with seed " + saved.path("seed").asText("?")
          + " but this run's seed is " + expected.get("seed").asLong() + "; use the same --seed" + FIX);
    }
    if (expected.has("proportions")) {
      for (SplitPart p : SplitPart.values()) {
        String part = p.key();
        double have = saved.path("proportions").path(part).asDouble(Double.NaN);
        double need = expected.get("proportions").get(part).asDouble();
        if (!(Math.abs(have - need) < 1e-9)) {
          throw new TweetoxException(manifest + ": the split has " + part + " proportion "
              + saved.path("proportions").path(part).asText("?") + " but the config asks for " + need + FIX);
        }
      }
    }
  }

  /** Reads the three id files, checking them against each other and against the data. */
  private static SplitAssignment readIds(Path runDir, List<Example> examples) {
    Map<String, Long> dataRows = new HashMap<>();
    examples.forEach(e -> dataRows.put(e.id(), e.row()));
    Map<String, SplitPart> seen = new HashMap<>();
    List<List<String>> parts = new ArrayList<>();
    for (SplitPart p : SplitPart.values()) {
      Path file = runDir.resolve(p.idsFile());
      List<String> ids = new ArrayList<>();
      for (Map.Entry<Long, String> e : readIdFile(file).entrySet()) {
        String id = e.getValue();
        SplitPart other = seen.putIfAbsent(id, p);
        if (other == p) {
          throw new TweetoxException(file + " line " + e.getKey() + ": id '" + id + "' appears twice" + FIX);
        }
        if (other != null) {
          throw new TweetoxException(file + ": id '" + id + "' also appears in " + other.idsFile() + FIX);
        }
        if (!dataRows.containsKey(id)) {
          throw new TweetoxException(file + " line " + e.getKey() + ": id '" + id + "' is not in the data" + FIX);
        }
        ids.add(id);
      }
      parts.add(ids);
    }
    for (Example e : examples) {
      if (!seen.containsKey(e.id())) {
        throw new TweetoxException(runDir + ": id '" + e.id() + "' (data row " + e.row()
            + ") is in none of the split files" + FIX);
      }
    }
    return new SplitAssignment(sorted(parts.get(0)), sorted(parts.get(1)), sorted(parts.get(2)));
  }

  /** Ids by line number (the header is line 1). */
  private static Map<Long, String> readIdFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException(file + " is missing but " + MANIFEST + " exists" + FIX);
    }
    Map<Long, String> ids = new LinkedHashMap<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(r, IDS)) {
      for (CSVRecord rec : parser) {
        long line = rec.getRecordNumber();
        if (line == 1) {
          if (rec.size() != 1 || !rec.get(0).strip().equals("id")) {
            throw new TweetoxException(file + " line 1: expected the header 'id', found '" + String.join(",",
                rec.toList()) + "'" + FIX);
          }
          continue;
        }
        if (rec.size() != 1 || rec.get(0).isBlank()) {
          throw new TweetoxException(file + " line " + line + ": expected one id per line" + FIX);
        }
        ids.put(line, rec.get(0));
      }
    } catch (IOException | UncheckedIOException e) {
      throw new TweetoxException(file + " cannot be read as CSV (" + e.getMessage() + ")" + FIX);
    }
    return ids;
  }

  /** SHA-256 of the sorted example ids: changes whenever cleaning keeps a different set of rows. */
  private static String idsDigest(List<Example> examples) {
    String joined = String.join("\n", examples.stream().map(Example::id).sorted().toList());
    return TextIds.sha256Hex(joined.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }

  private static String abbrev(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) + "..." : fingerprint;
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }
}
