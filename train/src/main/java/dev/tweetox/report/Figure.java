package dev.tweetox.report;

/**
 * A rendered chart: its caption for the HTML report, the file name it was written under, and the PNG bytes.
 *
 * @param png PNG bytes; the record copies them in and out
 */
public record Figure(String caption, String fileName, byte[] png) {
  public Figure {
    png = png.clone();
  }

  @Override
  public byte[] png() {
    return png.clone();
  }
}
