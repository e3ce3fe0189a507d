package dev.tweetox.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.data.LabelSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatingPointTest {
  @TempDir
  Path dir;

  @Test
  void roundTripsWithTheShapeServedAtV1Model() throws Exception {
    OperatingPoint op = new OperatingPoint(Calibration.temperature(1.25), new Decision(0, "negative", 0.625));
    op.write(dir);
    byte[] first = Files.readAllBytes(dir.resolve(OperatingPoint.FILE));
    assertThat(OperatingPoint.read(dir, LabelSet.sentiment())).isEqualTo(op);
    op.write(dir);
    assertThat(Files.readAllBytes(dir.resolve(OperatingPoint.FILE))).isEqualTo(first);
    String json = Files.readString(dir.resolve(OperatingPoint.FILE));
    assertThat(json).contains("\"method\" : \"temperature\"").contains("\"temperature\" : 1.25")
        .contains("\"flag_class\" : \"negative\"").contains("\"threshold\" : 0.625");
  }

  @Test
  void aModelWithoutTheFileIsUncalibrated() {
    OperatingPoint op = OperatingPoint.read(dir, LabelSet.sentiment());
    assertThat(op.calibration()).isEqualTo(Calibration.NONE);
    assertThat(op.calibration().temperature()).isEqualTo(1.0);
    assertThat(op.decision()).isEqualTo(new Decision(0, "negative", Decision.FALLBACK_THRESHOLD));
  }

  @Test
  void aBrokenFileNamesTheField() throws Exception {
    Files.writeString(dir.resolve(OperatingPoint.FILE), "{\"calibration\": {\"method\": \"temperature\","
        + " \"temperature\": -1}, \"decision\": {\"flag_class\": \"negative\", \"threshold\": 0.5}}");
    assertThatThrownBy(() -> OperatingPoint.read(dir, LabelSet.sentiment())).isInstanceOf(TweetoxException.class)
        .hasMessageContaining("calibration.temperature").hasMessageContaining(OperatingPoint.FILE);
    Files.writeString(dir.resolve(OperatingPoint.FILE), "{\"calibration\": {\"method\": \"none\"},"
        + " \"decision\": {\"flag_class\": \"spam\", \"threshold\": 0.5}}");
    assertThatThrownBy(() -> OperatingPoint.read(dir, LabelSet.sentiment()))
        .hasMessageContaining("decision.flag_class");
  }
}
