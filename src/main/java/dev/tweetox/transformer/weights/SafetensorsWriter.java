package dev.tweetox.transformer.weights;

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
 * Writes float32 tensors as a safetensors file: an 8-byte little-endian header length, a JSON header
 * ({@code name -> {dtype: "F32", shape, data_offsets: [begin, end]}} plus {@code __metadata__}) padded with spaces to
 * a multiple of 8 bytes, then the tensors' little-endian bytes back to back in name order. Tensors are streamed one
 * at a time, so a 110M-parameter model never sits in the heap twice. The file is written atomically.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  public static void write(Path file, TensorSource tensors, Map<String, String> metadata) {
    List<String> names = new ArrayList<>(new java.util.TreeSet<>(tensors.names()));
    byte[] header = header(tensors, names, metadata);
    AtomicFiles.write(file, raw -> {
      OutputStream out = new BufferedOutputStream(raw, 1 << 20);
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      out.write(header);
      for (String name : names) {
        writeFloats(out, tensors.read(name));
      }
      out.flush();
    });
  }

  static byte[] header(TensorSource tensors, List<String> names, Map<String, String> metadata) {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (String name : names) {
      long[] shape = tensors.shape(name);
      long bytes = TensorSource.elements(shape) * Float.BYTES;
      ObjectNode t = root.putObject(name);
      t.put("dtype", "F32");
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
