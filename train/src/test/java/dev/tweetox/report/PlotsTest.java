package dev.tweetox.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.eval.Evaluation;
import dev.tweetox.eval.Metric;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir Path dir;

  private static BufferedImage decode(byte[] png) throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("a decodable PNG").isNotNull();
    return image;
  }

  private static void assertSize(byte[] png, int width, int height) throws Exception {
    BufferedImage image = decode(png);
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  @Test
  void everyChartIsAPngOfTheRequestedSize() throws Exception {
    Plots plots = Plots.ofSize(320, 260);
    Evaluation e = Fixtures.threeClass();
    assertSize(plots.confusionMatrix(e, "baseline", "test"), 320, 260);
    assertSize(plots.rocCurves(e, "baseline", "test"), 320, 260);
    assertSize(plots.prCurves(e, "baseline", "test"), 320, 260);
    Map<String, int[]> counts = new LinkedHashMap<>();
    counts.put("train", new int[] {30, 40, 20});
    counts.put("test", new int[] {3, 3, 2});
    assertSize(plots.classDistribution(Fixtures.ABC, counts), 320, 260);
    assertSize(plots.modelComparison(Map.of("baseline", e.summary()), Metric.HEADLINE, "cmp"), 320, 260);
  }

  @Test
  void defaultSizeIs640By520AndTheGridDoublesIt() throws Exception {
    Map<String, Evaluation> models = new LinkedHashMap<>();
    models.put("baseline", Fixtures.threeClass());
    models.put("transformer", Fixtures.perfect());
    assertSize(Plots.DEFAULT.confusionMatrix(Fixtures.threeClass(), "m", "val"), 640, 520);
    assertSize(Plots.DEFAULT.analysisGrid("test", models, Metric.HEADLINE), 1280, 1040);
    assertSize(Plots.DEFAULT.analysisGrid("test", Map.of("baseline", Fixtures.threeClass()), Metric.HEADLINE),
        1280, 1040);
  }

  @Test
  void confusionCellsAreShadedByRowShare() throws Exception {
    // perfect predictions: the diagonal is dark, off-diagonal cells nearly white
    BufferedImage image = decode(Plots.ofSize(400, 400).confusionMatrix(Fixtures.perfect(), "m", "s"));
    int dark = 0;
    int white = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (rgb == 0x08306B) {
          dark++;
        } else if (rgb == 0xF7FBFF) {
          white++;
        }
      }
    }
    assertThat(dark).isGreaterThan(5_000);
    assertThat(white).isGreaterThan(2 * dark);
  }

  @Test
  void writesAtomically() throws Exception {
    Path file = dir.resolve("sub/roc.png");
    Plots.write(file, Plots.DEFAULT.rocCurves(Fixtures.threeClass(), "m", "s"));
    assertThat(ImageIO.read(file.toFile())).isNotNull();
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void rejectsBadInputs() {
    assertThatThrownBy(() -> Plots.ofSize(10, 500)).hasMessageContaining("too small");
    assertThatThrownBy(() -> Plots.DEFAULT.classDistribution(Fixtures.ABC, Map.of("val", new int[] {1, 2})))
        .hasMessageContaining("split 'val' has 2 class counts but 3 classes");
    assertThatThrownBy(() -> Plots.DEFAULT.analysisGrid("test", Map.of(), Metric.HEADLINE))
        .hasMessageContaining("at least one model");
  }

  @Test
  void countsClassesAndPicksRoundTickSteps() {
    assertThat(Plots.classCounts(new int[] {2, 0, 2, 2}, 3)).containsExactly(1, 0, 3);
    assertThat(BarCharts.niceStep(0.4)).isEqualTo(1);
    assertThat(BarCharts.niceStep(1465)).isEqualTo(2000);
    assertThat(BarCharts.niceStep(3.2)).isEqualTo(5);
    assertThat(BarCharts.niceStep(70)).isEqualTo(100);
  }
}
