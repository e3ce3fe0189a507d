package dev.tweetox.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.calibration.Decision;
import dev.tweetox.data.LabelSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes predictions as CSV ({@code id,text,label,label_value,confidence,p_<class>...,flagged,threshold}) or as JSON
 * lines, which also carry {@code latency_ms}; explanations as JSON lines with their scored words. {@code flagged} is
 * {@code true} or {@code false}; {@code threshold} is the {@link Decision}'s, the same on every row.
 */
public final class PredictionWriter {
  private PredictionWriter() {}

  public static void csv(OutputStream out, List<PredictInput.Item> items, List<Prediction> preds, LabelSet labels,
      Decision decision) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    List<String> header = new ArrayList<>(List.of("id", "text", "label", "label_value", "confidence"));
    labels.names().forEach(n -> header.add("p_" + n));
    header.add("flagged");
    header.add("threshold");
    csv.printRecord(header);
    for (int i = 0; i < preds.size(); i++) {
      Prediction p = preds.get(i);
      List<Object> row = new ArrayList<>(List.of(items.get(i).id(), p.text(), p.label(), p.labelValue(),
          fmt(p.confidence())));
      p.probabilities().forEach(v -> row.add(fmt(v)));
      row.add(p.flagged());
      row.add(fmt(decision.threshold()));
      csv.printRecord(row);
    }
    csv.flush();
  }

  public static void jsonl(OutputStream out, List<PredictInput.Item> items, List<Prediction> preds, LabelSet labels,
      Decision decision) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    for (int i = 0; i < preds.size(); i++) {
      Prediction p = preds.get(i);
      ObjectNode o = labelled(json, items.get(i), p);
      o.put("latency_ms", p.latencyMillis());
      putProbabilities(o, p, labels);
      o.put("flagged", p.flagged());
      o.put("threshold", decision.threshold());
      w.write(json.writeValueAsString(o));
      w.write('\n');
    }
    w.flush();
  }

  /**
   * One JSON object per explanation: {@code id} (when the input had one), {@code text}, {@code label},
   * {@code label_value}, {@code confidence}, {@code probabilities}, {@code method} and {@code words}, each word
   * {@code {"word", "start", "end", "score"}} with offsets into {@code text}.
   */
  public static void explanationsJsonl(OutputStream out, List<PredictInput.Item> items, List<Explanation> explained,
      LabelSet labels) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    for (int i = 0; i < explained.size(); i++) {
      Prediction p = explained.get(i).prediction();
      ObjectNode o = labelled(json, items.get(i), p);
      putProbabilities(o, p, labels);
      o.put("method", explained.get(i).method().key());
      var words = o.putArray("words");
      explained.get(i).words().forEach(ws -> words.addObject().put("word", ws.word()).put("start", ws.start())
          .put("end", ws.end()).put("score", ws.score()));
      w.write(json.writeValueAsString(o));
      w.write('\n');
    }
    w.flush();
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6f", v);
  }

  /** {@code id} (when the input had one), {@code text}, {@code label}, {@code label_value}, {@code confidence}. */
  private static ObjectNode labelled(ObjectMapper json, PredictInput.Item item, Prediction p) {
    ObjectNode o = json.createObjectNode();
    if (!item.id().isEmpty()) {
      o.put("id", item.id());
    }
    o.put("text", p.text());
    o.put("label", p.label());
    o.put("label_value", p.labelValue());
    o.put("confidence", p.confidence());
    return o;
  }

  private static void putProbabilities(ObjectNode o, Prediction p, LabelSet labels) {
    ObjectNode probs = o.putObject("probabilities");
    for (int k = 0; k < labels.size(); k++) {
      probs.put(labels.name(k), p.probabilities().get(k));
    }
  }
}
