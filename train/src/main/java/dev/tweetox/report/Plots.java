package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.Metric;
import dev.tweetox.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The report's charts as PNG bytes, rendered headless with JFreeChart. Each chart is {@code width x height}; the
 * 2x2 {@link #analysisGrid} is twice that each way. Run with {@code -Djava.awt.headless=true} on servers.
 */
public final class Plots {
  /** 640 x 520 pixels per chart. */
  public static final Plots DEFAULT = new Plots(640, 520);

  private final int width;
  private final int height;

  private Plots(int width, int height) {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException("plot size " + width + "x" + height + " is too small; use at least 100x100");
    }
    this.width = width;
    this.height = height;
  }

  public static Plots ofSize(int width, int height) {
    return new Plots(width, height);
  }

  /** Heatmap titled "{@code <model> - <split>}", counts and row percentages in the cells. */
  public byte[] confusionMatrix(Evaluation e, String model, String split) {
    return png(ConfusionChart.create(e.confusion(), e.labels().names(), model + " - " + split));
  }

  /** One-vs-rest ROC curve per class with its AUC in the legend, plus the chance diagonal. */
  public byte[] rocCurves(Evaluation e, String model, String split) {
    return png(CurveCharts.roc(e, "ROC curves - " + model + " - " + split));
  }

  /** One-vs-rest precision-recall curve per class with its average precision in the legend. */
  public byte[] prCurves(Evaluation e, String model, String split) {
    return png(CurveCharts.precisionRecall(e, "Precision-recall - " + model + " - " + split));
  }

  /** The reliability diagram of an evaluation, before and after calibration with {@code temperature}. */
  public byte[] reliability(Evaluation e, double temperature, String title) {
    return png(ReliabilityChart.create(e.uncalibratedReliability(), e.reliability(), temperature, title));
  }

  /**
   * Counts per class, grouped by split.
   *
   * @param countsBySplit split name -> count per class index (see {@link #classCounts})
   */
  public byte[] classDistribution(LabelSet labels, Map<String, int[]> countsBySplit) {
    return png(BarCharts.classDistribution(labels, countsBySplit, "Class distribution"));
  }

  /**
   * Grouped bars of models' scores per metric.
   *
   * @param scoresByModel model -> metric key -> value, as in metrics.json or {@link Evaluation#summary()}
   */
  public byte[] modelComparison(Map<String, Map<String, Double>> scoresByModel, List<Metric> metrics, String title) {
    return png(BarCharts.modelComparison(scoresByModel, metrics, title));
  }

  /**
   * The notebook's 2x2 overview for one split: the first two models' confusion matrices on top, their metric bars
   * and the split's class distribution below. With one model the top-right panel
   * shows its ROC curves instead.
   *
   * @param byModel model -> its evaluation on {@code split}, in display order; not empty
   */
  public byte[] analysisGrid(String split, Map<String, Evaluation> byModel, List<Metric> metrics) {
    if (byModel.isEmpty()) {
      throw new IllegalArgumentException("analysisGrid needs at least one model's evaluation");
    }
    List<Map.Entry<String, Evaluation>> models = new ArrayList<>(byModel.entrySet());
    Evaluation first = models.get(0).getValue();
    Map<String, int[]> counts = new LinkedHashMap<>();
    counts.put(split, classCounts(first.gold(), first.labels().size()));

    BufferedImage image = new BufferedImage(2 * width, 2 * height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < 2; i++) {
        if (i < models.size()) {
          Evaluation e = models.get(i).getValue();
          draw(g, ConfusionChart.create(e.confusion(), e.labels().names(), models.get(i).getKey() + " - " + split), i, 0);
        } else {
          // one model: its ROC curves are more use than an empty panel
          Map.Entry<String, Evaluation> only = models.get(0);
          draw(g, CurveCharts.roc(only.getValue(), "ROC curves - " + only.getKey() + " - " + split), i, 0);
        }
      }
      draw(g, BarCharts.modelComparison(Tables.summaries(byModel), metrics, "Model comparison - " + split), 0, 1);
      draw(g, BarCharts.classDistribution(first.labels(), counts, "Class distribution - " + split), 1, 1);
    } finally {
      g.dispose();
    }
    return encode(image);
  }

  /** How many labels fall in each class index. */
  public static int[] classCounts(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  public static void write(Path file, byte[] png) {
    AtomicFiles.writeBytes(file, png);
  }

  private byte[] png(JFreeChart chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private void draw(Graphics2D g, JFreeChart chart, int col, int row) {
    chart.draw(g, new Rectangle2D.Double(col * width, row * height, width, height));
  }

  private static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeBufferedImageAsPNG(out, image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
