package dev.tweetox.report;

import dev.tweetox.data.LabelSet;
import dev.tweetox.eval.Metric;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Grouped bar charts: class counts per split, and model scores per metric. */
final class BarCharts {
  private BarCharts() {}

  static JFreeChart classDistribution(LabelSet labels, Map<String, int[]> countsBySplit, String title) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    countsBySplit.forEach((split, counts) -> {
      if (counts.length != labels.size()) {
        throw new IllegalArgumentException("split '" + split + "' has " + counts.length + " class counts but "
            + labels.size() + " classes " + labels.names());
      }
      for (int c = 0; c < counts.length; c++) {
        data.addValue(counts[c], split, labels.name(c));
      }
    });
    JFreeChart chart = ChartFactory.createBarChart(title, "Class", "Examples", data);
    style(chart, "0");
    int max = countsBySplit.values().stream().flatMapToInt(Arrays::stream).max().orElse(1);
    ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setTickUnit(new NumberTickUnit(niceStep(max / 6.0)));
    return chart;
  }

  /** Missing scores are left out (no bar) rather than drawn as zero. */
  static JFreeChart modelComparison(Map<String, Map<String, Double>> scoresByModel, List<Metric> metrics, String title) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    scoresByModel.forEach((model, scores) -> {
      for (Metric m : metrics) {
        Double v = scores.get(m.key());
        data.addValue(v == null || v.isNaN() ? null : v, model, m.displayName());
      }
    });
    JFreeChart chart = ChartFactory.createBarChart(title, null, "Score", data);
    CategoryPlot plot = chart.getCategoryPlot();
    style(chart, "0.000");
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setRange(0, 1.08);
    axis.setTickUnit(new NumberTickUnit(0.1, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    return chart;
  }

  /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw}, and at least 1. */
  static double niceStep(double raw) {
    if (raw <= 1) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static void style(JFreeChart chart, String labelFormat) {
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setItemMargin(0.06);
    renderer.setMaximumBarWidth(0.16);
    for (int s = 0; s < plot.getDataset().getRowCount(); s++) {
      renderer.setSeriesPaint(s, ChartStyle.color(s));
    }
    renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator(
        "{2}", new DecimalFormat(labelFormat, DecimalFormatSymbols.getInstance(Locale.ROOT))));
    renderer.setDefaultItemLabelFont(ChartStyle.SMALL);
    renderer.setDefaultItemLabelsVisible(true);
    plot.getRangeAxis().setUpperMargin(0.12);
    ChartStyle.apply(chart);
  }
}
