package dev.tweetox.report;

import dev.tweetox.eval.Curve;
import dev.tweetox.eval.Evaluation;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.IntFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** One-vs-rest ROC and precision-recall curves, one line per class with its score in the legend. */
final class CurveCharts {
  private CurveCharts() {}

  static JFreeChart roc(Evaluation e, String title) {
    XYSeriesCollection data = curves(e, e::rocCurve, "AUC");
    XYSeries chance = new XYSeries("chance", false, true);
    chance.add(0, 0);
    chance.add(1, 1);
    data.addSeries(chance);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    JFreeChart chart = chart(title, "False positive rate", "True positive rate", data, renderer);
    int last = data.getSeriesCount() - 1;
    renderer.setSeriesPaint(last, Color.GRAY);
    renderer.setSeriesStroke(last, ChartStyle.DASHED);
    return chart;
  }

  /**
   * Precision against recall, drawn as steps whose area equals the average precision: each precision holds over
   * the recall interval that ends at its point.
   */
  static JFreeChart precisionRecall(Evaluation e, String title) {
    XYSeriesCollection data = curves(e, e::prCurve, "AP");
    XYStepRenderer renderer = new XYStepRenderer();
    renderer.setStepPoint(0.0);
    return chart(title, "Recall", "Precision", data, renderer);
  }

  private static XYSeriesCollection curves(Evaluation e, IntFunction<Curve> curveOf, String scoreName) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int c = 0; c < e.labels().size(); c++) {
      Curve curve = curveOf.apply(c);
      String name = e.labels().name(c);
      String key = curve.isDefined()
          ? String.format(Locale.ROOT, "%s (%s = %.3f)", name, scoreName, curve.score())
          : name + " (" + scoreName + " n/a: no examples)";
      XYSeries series = new XYSeries(key, false, true);
      for (int i = 0; i < curve.size(); i++) {
        series.add(curve.x(i), curve.y(i));
      }
      data.addSeries(series);
    }
    return data;
  }

  private static JFreeChart chart(String title, String x, String y, XYSeriesCollection data, XYItemRenderer renderer) {
    JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data);
    XYPlot plot = chart.getXYPlot();
    plot.setRenderer(renderer);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesPaint(s, ChartStyle.color(s));
      renderer.setSeriesStroke(s, ChartStyle.LINE);
    }
    for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
      axis.setRange(-0.02, 1.02);
      axis.setTickUnit(new NumberTickUnit(0.2, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    }
    ChartStyle.apply(chart);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return chart;
  }
}
