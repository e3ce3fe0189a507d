package dev.tweetox.report;

import dev.tweetox.io.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page: inline CSS and PNGs embedded as base64 data URIs, so the file opens offline and can
 * be mailed on its own. All text is escaped. Build it with {@link #builder(String)}:
 *
 * <pre>{@code
 * HtmlReport.builder("tweetox run 2024-05-01")
 *     .provenance("seed", "42")
 *     .section("Baseline")
 *     .table(Tables.classificationReport("test", eval))
 *     .image("Confusion matrix", png)
 *     .build()
 *     .write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
  private static final String CSS = """
      body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;\
      color:#222;padding:0 1em}
      h1{border-bottom:2px solid #3b6ea5;padding-bottom:.3em}
      h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
      table{border-collapse:collapse;margin:1em 0;font-size:.92em}
      caption{text-align:left;font-weight:bold;padding:.3em 0}
      th,td{border:1px solid #ccc;padding:.3em .7em}
      th{background:#eef3f8}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      dl.prov{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
      dl.prov dt{font-weight:bold}
      dl.prov dd{margin:0;font-family:monospace;word-break:break-all}
      figure{margin:.5em .5em .5em 0;display:inline-block;vertical-align:top;max-width:calc(50% - 1em)}
      figure.wide{display:block;max-width:100%}
      figure img{max-width:100%;border:1px solid #eee}
      figcaption{font-size:.9em;color:#555}
      pre{background:#f6f8fa;padding:.8em;overflow-x:auto;border:1px solid #e1e4e8}
      """;

  private sealed interface Block permits Heading, Paragraph, TableBlock, Image, Preformatted {}

  private record Heading(String text) implements Block {}

  private record Paragraph(String text) implements Block {}

  private record TableBlock(Table table) implements Block {}

  private record Image(String caption, byte[] png) implements Block {}

  private record Preformatted(String text) implements Block {}

  /** Images wider than this (the 2x2 grid) get a full row; others sit two to a row. */
  private static final int WIDE = 800;

  private final String title;
  private final Map<String, String> provenance;
  private final List<Block> blocks;

  private HtmlReport(Builder b) {
    title = b.title;
    provenance = new LinkedHashMap<>(b.provenance);
    blocks = List.copyOf(b.blocks);
  }

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public String toHtml() {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(title)).append("</h1>\n");
    if (!provenance.isEmpty()) {
      out.append("<dl class=\"prov\">\n");
      provenance.forEach((k, v) -> out.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
          .append(Html.escape(v)).append("</dd>\n"));
      out.append("</dl>\n");
    }
    for (Block block : blocks) {
      render(block, out);
    }
    return out.append("</body>\n</html>\n").toString();
  }

  public void write(Path file) {
    AtomicFiles.writeString(file, toHtml());
  }

  private static void render(Block block, StringBuilder out) {
    if (block instanceof Heading h) {
      out.append("<h2>").append(Html.escape(h.text())).append("</h2>\n");
    } else if (block instanceof Paragraph p) {
      out.append("<p>").append(Html.escape(p.text())).append("</p>\n");
    } else if (block instanceof TableBlock t) {
      out.append(t.table().toHtml());
    } else if (block instanceof Image img) {
      out.append(pngWidth(img.png()) > WIDE ? "<figure class=\"wide\">" : "<figure>")
          .append("<img alt=\"").append(Html.escape(img.caption()))
          .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(img.png()))
          .append("\"><figcaption>").append(Html.escape(img.caption())).append("</figcaption></figure>\n");
    } else if (block instanceof Preformatted pre) {
      out.append("<pre>").append(Html.escape(pre.text())).append("</pre>\n");
    }
  }

  /** The width in a PNG's IHDR header, or 0 if the bytes are not a PNG. */
  static int pngWidth(byte[] png) {
    boolean isPng = png.length >= 24 && (png[0] & 0xFF) == 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G';
    return isPng ? ByteBuffer.wrap(png, 16, 4).getInt() : 0;
  }

  /** Collects the page's blocks in order. Not thread-safe; {@link #build()} snapshots it. */
  public static final class Builder {
    private final String title;
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    private Builder(String title) {
      this.title = title;
    }

    /** A key-value line in the provenance list under the title (config, seed, data hash, git revision...). */
    public Builder provenance(String key, String value) {
      provenance.put(key, value);
      return this;
    }

    public Builder provenance(Map<String, String> entries) {
      provenance.putAll(entries);
      return this;
    }

    /** Starts a section with a heading. */
    public Builder section(String heading) {
      blocks.add(new Heading(heading));
      return this;
    }

    public Builder paragraph(String text) {
      blocks.add(new Paragraph(text));
      return this;
    }

    public Builder table(Table table) {
      blocks.add(new TableBlock(table));
      return this;
    }

    public Builder image(String caption, byte[] png) {
      blocks.add(new Image(caption, png.clone()));
      return this;
    }

    /** Monospace text kept as is, e.g. {@link Table#toText()} or a config dump. */
    public Builder preformatted(String text) {
      blocks.add(new Preformatted(text));
      return this;
    }

    public HtmlReport build() {
      return new HtmlReport(this);
    }
  }
}
