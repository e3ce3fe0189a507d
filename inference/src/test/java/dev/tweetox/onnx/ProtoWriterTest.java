package dev.tweetox.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtoWriterTest {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void encodesScalarsAsTheProtobufSpecExamplesDo() {
    // the protobuf docs' example: field 1 = 150 is 08 96 01; field 2 = "testing" is 12 07 74 65 73 74 69 6e 67
    assertThat(new ProtoWriter().int64(1, 150).toByteArray()).isEqualTo(bytes(0x08, 0x96, 0x01));
    assertThat(new ProtoWriter().string(2, "testing").toByteArray())
        .isEqualTo(bytes(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67));
    // negative int64 takes ten bytes, two's complement
    assertThat(new ProtoWriter().int64(3, -1).toByteArray())
        .isEqualTo(bytes(0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01));
    assertThat(new ProtoWriter().float32(2, 1f).toByteArray()).isEqualTo(bytes(0x15, 0, 0, 0x80, 0x3f));
    assertThat(new ProtoWriter().packedInt64(4, new long[] {3, 270, 86942}).toByteArray())
        .isEqualTo(bytes(0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05));
    // field numbers above 15 need a two-byte tag
    assertThat(new ProtoWriter().int64(20, 1).toByteArray()).isEqualTo(bytes(0xa0, 0x01, 0x01));
  }

  @Test
  void nestsMessagesAndLazyBytesWithTheirLengthsKnownUpFront() {
    ProtoWriter child = new ProtoWriter().int64(1, 150);
    ProtoWriter parent = new ProtoWriter().string(1, "a").message(3, child)
        .lazyBytes(4, 3, b -> b.put((byte) 7).put((byte) 8).put((byte) 9)).int64(5, 1);
    byte[] expected = bytes(0x0a, 0x01, 0x61, 0x1a, 0x03, 0x08, 0x96, 0x01, 0x22, 0x03, 7, 8, 9, 0x28, 0x01);
    assertThat(parent.size()).isEqualTo(expected.length);
    assertThat(parent.toByteArray()).isEqualTo(expected);
    assertThat(parent.toByteArray()).isEqualTo(expected); // writing twice gives the same bytes

    assertThatThrownBy(() -> child.int64(2, 1)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already added");
    ProtoWriter liar = new ProtoWriter().lazyBytes(1, 4, b -> b.put((byte) 1));
    assertThatThrownBy(liar::toByteArray).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wrote 1 bytes, declared 4");
  }
}
