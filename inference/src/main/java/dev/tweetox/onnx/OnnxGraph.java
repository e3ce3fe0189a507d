package dev.tweetox.onnx;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A small ONNX graph builder: nodes in topological order (the order they are added), initializers whose bytes are
 * produced only at serialisation, typed graph inputs and outputs. {@link #model} encodes an ONNX {@code ModelProto}
 * (field numbers from onnx.proto, IR version 8). Value names are generated deterministically, so the same calls
 * give the same bytes.
 */
final class OnnxGraph {
  /** ONNX TensorProto.DataType codes used here. */
  static final int FLOAT = 1;
  static final int INT8 = 3;
  static final int INT64 = 7;

  static final String MICROSOFT = "com.microsoft";
  private static final long IR_VERSION = 8;

  /** A node as added; kept so tests can check which operators the graph uses. */
  record Node(String op, String domain, List<String> inputs, List<String> outputs) {}

  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final List<ProtoWriter> nodeProtos = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private int counter;

  OnnxGraph(String name) {
    this.name = name;
  }

  List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** A default-domain node with one output; returns the output's name. */
  String op(String op, String... in) {
    return node(op, "", Map.of(), in);
  }

  /**
   * A node with one generated output name. Attribute values: Integer/Long (INT), Float (FLOAT), long[] (INTS),
   * String (STRING); an empty input name marks an omitted optional input.
   */
  String node(String op, String domain, Map<String, Object> attributes, String... in) {
    return named(op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++, op, domain, attributes, in);
  }

  /** As {@link #node}, with the output name chosen by the caller (e.g. a graph output). */
  String named(String out, String op, String domain, Map<String, Object> attributes, String... in) {
    claim(out);
    ProtoWriter n = new ProtoWriter();
    for (String i : in) {
      n.string(1, i);
    }
    n.string(2, out).string(3, "n" + nodes.size()).string(4, op);
    for (Map.Entry<String, Object> a : new LinkedHashMap<>(attributes).entrySet()) {
      n.message(5, attribute(a.getKey(), a.getValue()));
    }
    if (!domain.isEmpty()) {
      n.string(7, domain);
    }
    nodeProtos.add(n);
    nodes.add(new Node(op, domain, List.of(in), List.of(out)));
    return out;
  }

  private static ProtoWriter attribute(String name, Object value) {
    ProtoWriter a = new ProtoWriter().string(1, name);
    if (value instanceof Float f) {
      a.float32(2, f).int64(20, 1);
    } else if (value instanceof Integer || value instanceof Long) {
      a.int64(3, ((Number) value).longValue()).int64(20, 2);
    } else if (value instanceof String s) {
      a.string(4, s).int64(20, 3);
    } else if (value instanceof long[] ints) {
      a.packedInt64(8, ints).int64(20, 7);
    } else {
      throw new IllegalArgumentException("unsupported attribute type " + value.getClass());
    }
    return a;
  }

  /** An initializer of {@code byteLength} bytes written by {@code fill} (little-endian) at serialisation. */
  String initializer(String name, int dataType, long[] dims, long byteLength, Consumer<ByteBuffer> fill) {
    claim(name);
    ProtoWriter t = new ProtoWriter().packedInt64(1, dims).int64(2, dataType).string(8, name);
    t.lazyBytes(9, byteLength, fill);
    initializers.add(t);
    return name;
  }

  String floats(String name, long[] dims, float[] values) {
    return initializer(name, FLOAT, dims, 4L * values.length, b -> {
      for (float v : values) {
        b.putFloat(v);
      }
    });
  }

  String scalar(String name, float value) {
    return floats(name, new long[0], new float[] {value});
  }

  String int64s(String name, long... values) {
    return int64Tensor(name, new long[] {values.length}, values);
  }

  String int64Scalar(String name, long value) {
    return int64Tensor(name, new long[0], new long[] {value});
  }

  private String int64Tensor(String name, long[] dims, long[] values) {
    return initializer(name, INT64, dims, 8L * values.length, b -> {
      for (long v : values) {
        b.putLong(v);
      }
    });
  }

  /** A graph input; a String dim is symbolic (dynamic), a Number is fixed. */
  void input(String name, int elemType, Object... dims) {
    claim(name);
    inputs.add(valueInfo(name, elemType, dims));
  }

  void output(String value, int elemType, Object... dims) {
    outputs.add(valueInfo(value, elemType, dims));
  }

  private static ProtoWriter valueInfo(String name, int elemType, Object... dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof String s) {
        dim.string(2, s);
      } else {
        dim.int64(1, ((Number) d).longValue());
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().int64(1, elemType).message(2, shape);
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
  }

  /** The ModelProto: IR version, opset imports ({@code domain -> version}, "" for ONNX), producer, graph. */
  ProtoWriter model(Map<String, Integer> opsets, String producer) {
    ProtoWriter graph = new ProtoWriter();
    nodeProtos.forEach(n -> graph.message(1, n));
    graph.string(2, name);
    initializers.forEach(t -> graph.message(5, t));
    inputs.forEach(i -> graph.message(11, i));
    outputs.forEach(o -> graph.message(12, o));
    ProtoWriter model = new ProtoWriter().int64(1, IR_VERSION).string(2, producer);
    model.message(7, graph);
    for (Map.Entry<String, Integer> o : opsets.entrySet()) {
      ProtoWriter set = new ProtoWriter();
      if (!o.getKey().isEmpty()) {
        set.string(1, o.getKey());
      }
      model.message(8, set.int64(2, o.getValue()));
    }
    return model;
  }

  private void claim(String value) {
    if (!names.add(value)) {
      throw new IllegalArgumentException("duplicate ONNX value name " + value);
    }
  }
}
