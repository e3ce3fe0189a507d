package dev.tweetox.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelKindTest {
  @Test
  void theEnsembleStacksWhatTheRunHasInAFixedOrder() {
    assertThat(ModelKind.stackable(List.of(ModelKind.STUDENT, ModelKind.ENSEMBLE, ModelKind.BASELINE,
        ModelKind.TRANSFORMER))).containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER, ModelKind.STUDENT);
    assertThat(ModelKind.stackable(Set.of(ModelKind.TRANSFORMER, ModelKind.BASELINE)))
        .containsExactly(ModelKind.BASELINE, ModelKind.TRANSFORMER);
    assertThat(ModelKind.stackable(List.of(ModelKind.ENSEMBLE))).isEmpty();
  }

  @Test
  void onlyTheEnsembleHasMembersAndTheStudentIsTrainedFromItsTeacher() {
    assertThat(ModelKind.ENSEMBLE.trainedFrom()).doesNotContain(ModelKind.ENSEMBLE).contains(ModelKind.STUDENT);
    assertThat(ModelKind.STUDENT.trainedFrom()).containsExactly(ModelKind.TRANSFORMER);
    assertThat(ModelKind.BASELINE.members()).isEmpty();
    assertThat(ModelKind.TRANSFORMER.trainedFrom()).isEmpty();
  }
}
