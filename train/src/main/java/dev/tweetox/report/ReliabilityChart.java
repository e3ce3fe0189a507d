package dev.tweetox.report;

import dev.tweetox.calibration.Reliability;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The reliability diagram: each non-empty confidence bin as a point (mean confidence, accuracy), before and after
 * calibration, against the diagonal of perfect calibration. A point below the diagonal is over-confident.
 */
final class ReliabilityChart {
  private ReliabilityChart() {}

  static JFreeChart create(Reliability before, Reliability after, double temperature, String title) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series(String.format(Locale.ROOT, "uncalibrated (ECE = %.3f)", before.ece()), before));
    data.addSeries(series(String.format(Locale.ROOT, "T = %.3f (ECE = %.3f)", temperature, after.ece()), after));
    XYSeries perfect = new XYSeries("perfect calibration", false, true);
    perfect.add(0, 0);
    perfect.add(1, 1);
    data.addSeries(perfect);
    JFreeChart chart = ChartFactory.createXYLineChart(title, "Mean confidence (top class, " + Reliability.BINS
        + " bins)", "Accuracy", data);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    plot.setRenderer(renderer);
    for (int s = 0; s < 2; s++) {
      renderer.setSeriesPaint(s, ChartStyle.color(s));
      renderer.setSeriesStroke(s, ChartStyle.LINE);
    }
    renderer.setSeriesPaint(2, Color.GRAY);
    renderer.setSeriesStroke(2, ChartStyle.DASHED);
    renderer.setSeriesShapesVisible(2, false);
    for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
      axis.setRange(-0.02, 1.02);
      axis.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    }
    ChartStyle.apply(chart);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return chart;
  }

  private static XYSeries series(String key, Reliability r) {
    XYSeries s = new XYSeries(key, false, true);
    for (Reliability.Bin b : r.bins()) {
      if (b.count() > 0) {
        s.add(b.confidence(), b.accuracy());
      }
    }
    return s;
  }
}
