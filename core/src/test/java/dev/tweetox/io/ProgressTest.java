package dev.tweetox.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void extraMessageIsSeparatedFromTheSpeed() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Progress p = Progress.to(lines::add, "fine-tuning", 10, "steps", 0)) {
      p.step(3);
      p.message("loss 0.6931 lr 1.00e-04");
    }
    String last = lines.get(lines.size() - 1).strip();
    assertThat(last).contains("steps/s loss 0.6931 lr 1.00e-04").doesNotContain("/sloss");
  }

  @Test
  void aResumedBarStartsAtTheStepsAlreadyDone() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Progress p = Progress.to(lines::add, "fine-tuning", 678, "steps", 393)) {
      p.step();
    }
    // when the first line is drawn (before or after the step) depends on the bar's render thread
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).containsAnyOf("393/678", "394/678"));
    assertThat(lines.get(lines.size() - 1)).contains("394/678");
  }
}
