package dev.tweetox.tuning;

import dev.tweetox.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The tuning plots, rendered headless to PNG with JFreeChart. */
final class TuneCharts {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 480;

  private TuneCharts() {}

  /** Validation macro-F1 per trial (complete and pruned as separate marks) and the best so far as a line. */
  static JFreeChart history(String study, List<TrialRecord> trials) {
    XYSeries complete = new XYSeries(TrialStatus.COMPLETE.key());
    XYSeries pruned = new XYSeries(TrialStatus.PRUNED.key());
    XYSeries best = new XYSeries("best so far");
    double b = Double.NEGATIVE_INFINITY;
    for (TrialRecord t : trials) {
      if (t.value() == null) {
        continue;
      }
      (t.status() == TrialStatus.PRUNED ? pruned : complete).add(t.number(), t.value());
      if (t.status() == TrialStatus.COMPLETE) {
        b = Math.max(b, t.value());
      }
      if (b > Double.NEGATIVE_INFINITY) {
        best.add(t.number(), b);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(complete);
    data.addSeries(pruned);
    data.addSeries(best);
    JFreeChart chart = ChartFactory.createXYLineChart("Optimization history - " + study, "trial",
        "validation macro-F1", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, false);
    r.setSeriesLinesVisible(1, false);
    r.setSeriesShapesVisible(2, false);
    r.setSeriesPaint(0, new Color(0x1F77B4));
    r.setSeriesPaint(1, new Color(0xAAAAAA));
    r.setSeriesPaint(2, new Color(0xD62728));
    r.setSeriesStroke(2, new BasicStroke(2f));
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xE3E3E3));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return chart;
  }

  /** Horizontal bars of {@link TuneReport#importance}; {@code basis} says which values were compared. */
  static JFreeChart importance(String study, Map<String, Double> importance, String basis) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    importance.forEach((k, v) -> data.addValue(v, "share of variance", k));
    JFreeChart chart = ChartFactory.createBarChart("Parameter importance - " + study, "parameter",
        "share of val macro-F1 variance explained", data, PlotOrientation.HORIZONTAL, false, false, false);
    chart.addSubtitle(new org.jfree.chart.title.TextTitle(basis));
    chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
    chart.getCategoryPlot().getRenderer().setSeriesPaint(0, new Color(0x1F77B4));
    return chart;
  }

  static void write(Path file, JFreeChart chart) {
    AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
  }
}
