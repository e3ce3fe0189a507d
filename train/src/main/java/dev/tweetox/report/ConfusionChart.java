package dev.tweetox.report;

import dev.tweetox.eval.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A confusion-matrix heatmap: gold classes down, predicted across, each cell showing its count and its share of the
 * gold row. Colour follows the row share, so classes of different sizes are comparable.
 */
final class ConfusionChart {
  private static final Color LOW = new Color(0xF7FBFF);
  private static final Color HIGH = new Color(0x08306B);

  private ConfusionChart() {}

  static JFreeChart create(ConfusionMatrix cm, List<String> classNames, String title) {
    int k = cm.size();
    double[][] series = new double[3][k * k];
    for (int g = 0; g < k; g++) {
      for (int p = 0; p < k; p++) {
        series[0][g * k + p] = p;
        series[1][g * k + p] = g;
        series[2][g * k + p] = cm.rowFraction(g, p);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("confusion", series);

    String[] names = classNames.toArray(String[]::new);
    SymbolAxis predicted = new SymbolAxis("Predicted", names);
    SymbolAxis gold = new SymbolAxis("Gold", names);
    for (SymbolAxis axis : List.of(predicted, gold)) {
      axis.setGridBandsVisible(false);
      axis.setRange(-0.5, k - 0.5);
      axis.setAxisLineVisible(false);
    }
    gold.setInverted(true); // first class on top, as in sklearn's display

    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(new BluesScale());
    XYPlot plot = new XYPlot(data, predicted, gold, renderer);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    for (int g = 0; g < k; g++) {
      for (int p = 0; p < k; p++) {
        addCellText(plot, p, g, cm.count(g, p), cm.rowFraction(g, p), k);
      }
    }
    JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, false);
    return ChartStyle.apply(chart);
  }

  private static void addCellText(XYPlot plot, int p, int g, int count, double fraction, int k) {
    Paint ink = fraction > 0.55 ? Color.WHITE : ChartStyle.TEXT;
    int countSize = k <= 4 ? 18 : k <= 8 ? 13 : 10;
    // the gold axis is inverted: a larger y is lower on screen
    XYTextAnnotation countText = new XYTextAnnotation(Integer.toString(count), p, g - 0.09);
    countText.setFont(new Font(Font.SANS_SERIF, Font.BOLD, countSize));
    countText.setPaint(ink);
    plot.addAnnotation(countText);
    XYTextAnnotation share = new XYTextAnnotation(String.format(Locale.ROOT, "%.1f%%", 100 * fraction), p, g + 0.14);
    share.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, countSize - 5));
    share.setPaint(ink);
    plot.addAnnotation(share);
  }

  /** Linear white-to-dark-blue scale on [0, 1], like matplotlib's "Blues". */
  private static final class BluesScale implements PaintScale {
    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return 1;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Math.max(0, Math.min(1, value));
      return new Color(
          mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t), mix(LOW.getBlue(), HIGH.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
      return (int) Math.round(a + (b - a) * t);
    }
  }
}
