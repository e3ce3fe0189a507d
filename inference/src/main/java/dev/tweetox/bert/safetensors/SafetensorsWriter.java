package dev.tweetox.bert.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tweetox.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float32 tensors (and optionally int8 ones, for quantized weights) as a safetensors file: an 8-byte
 * little-endian header length, a JSON header ({@code name -> {dtype: "F32" | "I8", shape, data_offsets: [begin,
 * end]}} plus {@code __metadata__}) padded with spaces to a multiple of 8 bytes, then the tensors' little-endian
 * bytes back to back in name order. Tensors are streamed one
 * at a time, so a 110M-parameter model never sits in the heap twice. The file is written atomically.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An int8 tensor: its shape and row-major values. */
  public record Int8(long[] shape, byte[] values) {
    public Int8 {
      if (TensorSource.elements(shape) != values.length) {
        throw new IllegalArgumentException(values.length + " int8 values for shape " + java.util.Arrays.toString(
            shape));
      }
    }
  }

  private SafetensorsWriter() {}

  public static void write(Path file, TensorSource tensors, Map<String, String> metadata) {
    write(file, tensors, Map.of(), metadata);
  }

  /** Float32 {@code tensors} plus I8 {@code int8} tensors; names must not repeat across the two. */
  public static void write(Path file, TensorSource tensors, Map<String, Int8> int8, Map<String, String> metadata) {
    java.util.TreeSet<String> sorted = new java.util.TreeSet<>(tensors.names());
    for (String n : int8.keySet()) {
      if (!sorted.add(n)) {
        throw new IllegalArgumentException("tensor " + n + " given both as float32 and as int8");
      }
    }
    List<String> names = new ArrayList<>(sorted);
    byte[] header = header(tensors, int8, names, metadata);
    AtomicFiles.write(file, raw -> {
      OutputStream out = new BufferedOutputStream(raw, 1 << 20);
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      out.write(header);
      for (String name : names) {
        Int8 q = int8.get(name);
        if (q != null) {
          out.write(q.values());
        } else {
          writeFloats(out, tensors.read(name));
        }
      }
      out.flush();
    });
  }

  static byte[] header(TensorSource tensors, List<String> names, Map<String, String> metadata) {
    return header(tensors, Map.of(), names, metadata);
  }

  private static byte[] header(TensorSource tensors, Map<String, Int8> int8, List<String> names,
      Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (String name : names) {
      Int8 q = int8.get(name);
      long[] shape = q != null ? q.shape() : tensors.shape(name);
      long bytes = TensorSource.elements(shape) * (q != null ? 1 : Float.BYTES);
      ObjectNode t = root.putObject(name);
      t.put("dtype", q != null ? "I8" : "F32");
      ArrayNode s = t.putArray("shape");
      for (long d : shape) {
        s.add(d);
      }
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("could not serialise safetensors header", e);
    }
    int padded = (json.length + 7) / 8 * 8;
    byte[] header = new byte[padded];
    System.arraycopy(json, 0, header, 0, json.length);
    java.util.Arrays.fill(header, json.length, padded, (byte) ' ');
    return header;
  }

  private static void writeFloats(OutputStream out, float[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      if (!buf.hasRemaining()) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putFloat(v);
    }
    out.write(buf.array(), 0, buf.position());
  }
}
