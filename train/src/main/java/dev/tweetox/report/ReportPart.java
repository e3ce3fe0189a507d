package dev.tweetox.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link ReportWriter} step produced: a section of the HTML report (heading, tables, figures) and the
 * files it wrote to the run directory.
 */
public record ReportPart(String heading, List<Table> tables, List<Figure> figures, List<Path> files) {
  public ReportPart {
    tables = List.copyOf(tables);
    figures = List.copyOf(figures);
    files = List.copyOf(files);
  }

  /** Adds this part as a section: heading, then tables, then figures. */
  public HtmlReport.Builder appendTo(HtmlReport.Builder html) {
    html.section(heading);
    tables.forEach(html::table);
    figures.forEach(f -> html.image(f.caption(), f.png()));
    return html;
  }
}
