package dev.tweetox.data;

import dev.tweetox.config.ConflictPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns raw rows into examples: drops empty rows, maps labels, cleans, resolves conflicting labels, drops exact
 * duplicates and gives every example a unique id.
 *
 * <p>Every choice is independent of row order, so a shuffled file yields the same examples: among exact duplicates
 * the one with the smallest id survives, and repeated text-hash ids get suffixes {@code -2}, {@code -3} in label
 * order (rows with the same raw text and label are indistinguishable, so their order does not matter).
 */
final class CleaningPipeline {
  private record Candidate(RawRow raw, String id, String text, int label) {}

  record Result(List<Example> examples, CleaningReport report) {}

  private CleaningPipeline() {}

  static Result run(RawTable table, LabelSet labels, TextCleaner cleaner) {
    long empty = 0;
    long emptyAfter = 0;
    List<Candidate> candidates = new ArrayList<>();
    for (RawRow r : table.rows()) {
      if (r.text().isBlank() || r.label().isBlank()) {
        empty++;
        continue;
      }
      String where = r.where(table.source()) + " column '" + table.columns().label() + "'";
      int label = labels.indexOf(r.label(), where);
      String text = cleaner.clean(r.text());
      if (text.isBlank()) {
        emptyAfter++;
        continue;
      }
      String id = table.idsFromColumn() ? r.id() : TextIds.of(r.text());
      candidates.add(new Candidate(r, id, text, label));
    }

    Map<String, List<Candidate>> byText = new LinkedHashMap<>();
    candidates.forEach(c -> byText.computeIfAbsent(c.text(), k -> new ArrayList<>()).add(c));
    ConflictPolicy policy = cleaner.config().conflicts();
    long conflicts = 0;
    long conflictDropped = 0;
    long duplicates = 0;
    TreeSet<String> examples = new TreeSet<>();
    List<Candidate> kept = new ArrayList<>();
    for (Map.Entry<String, List<Candidate>> group : byText.entrySet()) {
      List<Candidate> rows = group.getValue();
      if (rows.stream().map(Candidate::label).distinct().count() > 1) {
        conflicts++;
        examples.add(group.getKey());
        if (examples.size() > CleaningReport.MAX_EXAMPLES) {
          examples.pollLast();
        }
        List<Candidate> resolved = resolve(rows, policy);
        conflictDropped += rows.size() - resolved.size();
        rows = resolved;
      }
      if (cleaner.config().dropDuplicates()) {
        List<Candidate> unique = firstPerLabel(rows);
        duplicates += rows.size() - unique.size();
        rows = unique;
      }
      kept.addAll(rows);
    }
    kept.sort(Comparator.comparingLong(c -> c.raw().row()));
    List<Example> out = uniqueIds(kept, table.idsFromColumn());
    CleaningReport report = new CleaningReport(table.rows().size(), table.blankLines(), empty, emptyAfter,
        duplicates, conflicts, conflictDropped, policy, List.copyOf(examples), out.size());
    return new Result(out, report);
  }

  /** The rows a conflict policy keeps from one text's rows. */
  private static List<Candidate> resolve(List<Candidate> rows, ConflictPolicy policy) {
    return switch (policy) {
      case KEEP -> rows;
      case DROP -> List.of();
      case MAJORITY -> {
        Map<Integer, Integer> counts = new HashMap<>();
        rows.forEach(c -> counts.merge(c.label(), 1, Integer::sum));
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Integer> winners = counts.entrySet().stream().filter(e -> e.getValue() == max)
            .map(Map.Entry::getKey).toList();
        yield winners.size() == 1 ? rows.stream().filter(c -> c.label() == winners.get(0)).toList() : List.of();
      }
    };
  }

  /** One row per label: the one with the smallest id, then the earliest row. */
  private static List<Candidate> firstPerLabel(List<Candidate> rows) {
    Map<Integer, Candidate> best = new LinkedHashMap<>();
    Comparator<Candidate> order = Comparator.comparing(Candidate::id).thenComparingLong(c -> c.raw().row());
    for (Candidate c : rows) {
      best.merge(c.label(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
    }
    return new ArrayList<>(best.values());
  }

  /** Suffixes repeated text-hash ids; column ids were already checked to be unique by the reader. */
  private static List<Example> uniqueIds(List<Candidate> kept, boolean idsFromColumn) {
    Map<String, List<Candidate>> byId = new HashMap<>();
    if (!idsFromColumn) {
      kept.forEach(c -> byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c));
    }
    Map<Candidate, String> renamed = new HashMap<>();
    Set<String> taken = new TreeSet<>(byId.keySet());
    for (List<Candidate> same : byId.values()) {
      if (same.size() > 1) {
        List<Candidate> ordered = new ArrayList<>(same);
        ordered.sort(Comparator.comparingInt(Candidate::label).thenComparingLong(c -> c.raw().row()));
        for (int i = 1; i < ordered.size(); i++) {
          renamed.put(ordered.get(i), nextFree(ordered.get(i).id(), taken));
        }
      }
    }
    List<Example> out = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      String id = renamed.getOrDefault(c, c.id());
      out.add(new Example(id, c.raw().text(), c.text(), c.label(), c.raw().row()));
    }
    return out;
  }

  /** {@code id-2}, {@code id-3}, ...: the first not yet taken, which is then marked taken. */
  static String nextFree(String id, Set<String> taken) {
    for (int n = 2; ; n++) {
      String candidate = id + "-" + n;
      if (taken.add(candidate)) {
        return candidate;
      }
    }
  }
}
