package dev.tweetox.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code student.teacherPrecision}: the weights the teacher labels the training split with, on ONNX Runtime. int8
 * is about twice as fast; its probabilities differ from float32's by the quantization's small error.
 */
public enum TeacherPrecision implements ConfigWord {
  FP32("fp32"),
  INT8("int8");

  private final String key;

  TeacherPrecision(String key) {
    this.key = key;
  }

  @JsonValue
  @Override
  public String key() {
    return key;
  }

  @JsonCreator
  public static TeacherPrecision fromKey(String key) {
    return ConfigWord.parse(values(), key);
  }

  @Override
  public String toString() {
    return key;
  }
}
