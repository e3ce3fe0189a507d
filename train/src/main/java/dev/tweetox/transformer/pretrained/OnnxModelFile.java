package dev.tweetox.transformer.pretrained;

import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} that hold a model's weights: the graph's float32 initializers and its
 * nodes (op type and input/output names), enough to find which initializer feeds which layer. Read with
 * {@link ProtoWire} from a memory-mapped file; tensor data stays in the mapping until {@link Initializer#floats} is
 * called. Field numbers are those of onnx.proto3 (ModelProto.graph = 7; GraphProto.node = 1, initializer = 5;
 * NodeProto input = 1, output = 2, name = 3, op_type = 4; TensorProto dims = 1, data_type = 2, float_data = 4,
 * name = 8, raw_data = 9).
 */
public final class OnnxModelFile {
  static final int FLOAT = 1;

  /** One graph node: its op type and the names of its inputs and outputs, in order. */
  public record Node(String opType, String name, List<String> inputs, List<String> outputs) {}

  /** One initializer: name, shape, ONNX data type and its bytes (little-endian raw data or packed float_data). */
  public record Initializer(String name, long[] dims, int dataType, ByteBuffer data) {
    /** The values of a float32 initializer in row-major order. */
    public float[] floats() {
      if (dataType != FLOAT) {
        throw new TweetoxException("ONNX initializer " + name + " has data type " + dataType + ", not float32");
      }
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      if (data.remaining() != 4 * n) {
        throw new TweetoxException("ONNX initializer " + name + " has " + data.remaining() + " bytes for "
            + n + " floats; the file is damaged or stores its weights externally");
      }
      float[] out = new float[(int) n];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }
  }

  private final Map<String, Initializer> initializers;
  private final List<Node> nodes;

  private OnnxModelFile(Map<String, Initializer> initializers, List<Node> nodes) {
    this.initializers = Collections.unmodifiableMap(initializers);
    this.nodes = List.copyOf(nodes);
  }

  public static OnnxModelFile read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the ONNX file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new TweetoxException(file + " is not a valid ONNX model (" + e.getMessage() + "); re-download it", e);
    }
  }

  /** Parses a serialised ModelProto. */
  public static OnnxModelFile parse(ByteBuffer model) {
    ByteBuffer buf = model.duplicate();
    ByteBuffer graph = null;
    while (buf.hasRemaining()) {
      int tag = ProtoWire.length(buf);
      if (tag >>> 3 == 7 && (tag & 7) == ProtoWire.LENGTH_DELIMITED) {
        graph = ProtoWire.slice(buf, ProtoWire.length(buf));
      } else {
        ProtoWire.skip(buf, tag & 7);
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("no graph in the model");
    }
    Map<String, Initializer> inits = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    while (graph.hasRemaining()) {
      int tag = ProtoWire.length(graph);
      int field = tag >>> 3;
      if ((field == 1 || field == 5) && (tag & 7) == ProtoWire.LENGTH_DELIMITED) {
        ByteBuffer msg = ProtoWire.slice(graph, ProtoWire.length(graph));
        if (field == 1) {
          nodes.add(node(msg));
        } else {
          Initializer init = initializer(msg);
          inits.put(init.name(), init);
        }
      } else {
        ProtoWire.skip(graph, tag & 7);
      }
    }
    return new OnnxModelFile(inits, nodes);
  }

  public Map<String, Initializer> initializers() {
    return initializers;
  }

  public List<Node> nodes() {
    return nodes;
  }

  private static Node node(ByteBuffer msg) {
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String name = "";
    String op = "";
    while (msg.hasRemaining()) {
      int tag = ProtoWire.length(msg);
      int field = tag >>> 3;
      if (field >= 1 && field <= 4 && (tag & 7) == ProtoWire.LENGTH_DELIMITED) {
        String s = string(msg);
        switch (field) {
          case 1 -> in.add(s);
          case 2 -> out.add(s);
          case 3 -> name = s;
          default -> op = s;
        }
      } else {
        ProtoWire.skip(msg, tag & 7);
      }
    }
    return new Node(op, name, in, out);
  }

  private static Initializer initializer(ByteBuffer msg) {
    List<Long> dims = new ArrayList<>();
    int type = 0;
    String name = "";
    ByteBuffer raw = null;
    java.io.ByteArrayOutputStream floatData = null;
    while (msg.hasRemaining()) {
      int tag = ProtoWire.length(msg);
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == ProtoWire.VARINT) {
        dims.add(ProtoWire.varint(msg));
      } else if (field == 1 && wire == ProtoWire.LENGTH_DELIMITED) {
        ByteBuffer packed = ProtoWire.slice(msg, ProtoWire.length(msg));
        while (packed.hasRemaining()) {
          dims.add(ProtoWire.varint(packed));
        }
      } else if (field == 2 && wire == ProtoWire.VARINT) {
        type = (int) ProtoWire.varint(msg);
      } else if (field == 8 && wire == ProtoWire.LENGTH_DELIMITED) {
        name = string(msg);
      } else if (field == 9 && wire == ProtoWire.LENGTH_DELIMITED) {
        raw = ProtoWire.slice(msg, ProtoWire.length(msg));
      } else if (field == 4 && (wire == ProtoWire.LENGTH_DELIMITED || wire == ProtoWire.FIXED32)) {
        // float_data: packed (the usual) or one fixed32 per value
        ByteBuffer part = wire == ProtoWire.FIXED32 ? ProtoWire.slice(msg, 4)
            : ProtoWire.slice(msg, ProtoWire.length(msg));
        floatData = floatData == null ? new java.io.ByteArrayOutputStream() : floatData;
        byte[] b = new byte[part.remaining()];
        part.get(b);
        floatData.writeBytes(b);
      } else {
        ProtoWire.skip(msg, wire);
      }
    }
    ByteBuffer data = raw != null ? raw
        : ByteBuffer.wrap(floatData == null ? new byte[0] : floatData.toByteArray());
    return new Initializer(name, dims.stream().mapToLong(Long::longValue).toArray(), type, data);
  }

  private static String string(ByteBuffer msg) {
    ByteBuffer s = ProtoWire.slice(msg, ProtoWire.length(msg));
    byte[] b = new byte[s.remaining()];
    s.get(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}
