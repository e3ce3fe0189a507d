package dev.tweetox.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleInsets;

/** The look shared by every chart: white background, light grid, readable sans-serif fonts, a tab10-like palette. */
final class ChartStyle {
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Color GRID = new Color(0xE3E3E3);
  static final Color TEXT = new Color(0x222222);
  static final BasicStroke LINE = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final BasicStroke DASHED =
      new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 5f}, 0f);

  private static final Color[] PALETTE = {
    new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
    new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
  };

  private ChartStyle() {}

  static Paint color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** Applies the house style to a chart built by a ChartFactory method; returns it for chaining. */
  static JFreeChart apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(8, 8, 8, 12));
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(TITLE);
      chart.getTitle().setPaint(TEXT);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(TICK);
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
    }
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(new Color(0xBBBBBB));
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(GRID);
      xy.setRangeGridlinePaint(GRID);
      styleAxis(xy.getDomainAxis());
      styleAxis(xy.getRangeAxis());
    } else if (plot instanceof CategoryPlot cat) {
      cat.setRangeGridlinePaint(GRID);
      styleAxis(cat.getDomainAxis());
      styleAxis(cat.getRangeAxis());
    }
    return chart;
  }

  private static void styleAxis(Axis axis) {
    axis.setLabelFont(LABEL);
    axis.setLabelPaint(TEXT);
    axis.setTickLabelFont(TICK);
    axis.setTickLabelPaint(TEXT);
  }
}
