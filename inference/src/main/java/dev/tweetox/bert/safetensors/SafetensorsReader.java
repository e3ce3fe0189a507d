package dev.tweetox.bert.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads float32 (and int8, for quantized weights) tensors from a safetensors file, validating the header before
 * trusting it: header length within the file, every tensor F32 or I8 with a non-negative shape, {@code data_offsets} inside the data area, byte size equal
 * to the shape's, and tensors neither overlapping nor leaving holes. The file is memory-mapped.
 */
public final class SafetensorsReader implements TensorSource {
  private static final long MAX_HEADER = 100L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Data types this reader accepts: float32, and int8 for quantized weights. */
  public static final String F32 = "F32";
  public static final String I8 = "I8";

  private record Slot(String name, String dtype, long[] shape, long begin, long end) {}

  private final Path file;
  private final Map<String, Slot> slots;
  private final Map<String, String> metadata;
  private final ByteBuffer data;

  private SafetensorsReader(Path file, Map<String, Slot> slots, Map<String, String> metadata, ByteBuffer data) {
    this.file = file;
    this.slots = slots;
    this.metadata = metadata;
    this.data = data;
  }

  public static SafetensorsReader open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TweetoxException("Safetensors file " + file + " does not exist");
    }
    try (FileChannel ch = FileChannel.open(file)) {
      long size = ch.size();
      if (size < 8) {
        throw bad(file, "is " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(len, 0);
      long headerLength = len.getLong(0);
      if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
        throw bad(file, "declares a header of " + headerLength + " bytes but the file has " + size);
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      ch.read(header, 8);
      JsonNode root = JSON.readTree(header.array());
      long dataStart = 8 + headerLength;
      ByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart, size - dataStart)
          .order(ByteOrder.LITTLE_ENDIAN);
      Map<String, String> metadata = new LinkedHashMap<>();
      Map<String, Slot> slots = parse(file, root, size - dataStart, metadata);
      return new SafetensorsReader(file, slots, Collections.unmodifiableMap(metadata), data);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw bad(file, "has a header that is not valid JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Slot> parse(Path file, JsonNode root, long dataLength, Map<String, String> meta) {
    if (root == null || !root.isObject()) {
      throw bad(file, "has a header that is not a JSON object");
    }
    List<Slot> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode t = e.getValue();
      if (name.equals("__metadata__")) {
        t.fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
        continue;
      }
      String dtype = t.path("dtype").asText("");
      if (!dtype.equals(F32) && !dtype.equals(I8)) {
        throw bad(file, "tensor " + name + " has dtype '" + dtype + "'; only F32 (and I8 for quantized weights) is"
            + " supported, convert to float32");
      }
      JsonNode shapeNode = t.path("shape");
      JsonNode offsets = t.path("data_offsets");
      if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
        throw bad(file, "tensor " + name + " lacks a shape array or a two-element data_offsets");
      }
      long[] shape = new long[shapeNode.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNode.get(i).isIntegralNumber() ? shapeNode.get(i).asLong() : -1;
        if (shape[i] < 0) {
          throw bad(file, "tensor " + name + " has an invalid dimension " + shapeNode.get(i));
        }
      }
      long begin = offsets.get(0).asLong(-1);
      long end = offsets.get(1).asLong(-1);
      if (begin < 0 || end < begin || end > dataLength) {
        throw bad(file, "tensor " + name + " has data_offsets [" + begin + ", " + end + "] outside the "
            + dataLength + "-byte data area");
      }
      long expected;
      try {
        expected = Math.multiplyExact(TensorSource.elements(shape), dtype.equals(I8) ? 1 : Float.BYTES);
      } catch (ArithmeticException overflow) {
        throw bad(file, "tensor " + name + " has a shape too large to address");
      }
      if (end - begin != expected) {
        throw bad(file, "tensor " + name + " spans " + (end - begin) + " bytes but shape needs " + expected);
      }
      list.add(new Slot(name, dtype, shape, begin, end));
    }
    list.sort(Comparator.comparingLong(Slot::begin).thenComparingLong(Slot::end));
    long cursor = 0;
    for (Slot s : list) {
      if (s.begin() < cursor) {
        throw bad(file, "tensor " + s.name() + " overlaps the previous tensor at byte " + s.begin());
      }
      if (s.begin() > cursor) {
        throw bad(file, "has a hole of " + (s.begin() - cursor) + " bytes before tensor " + s.name());
      }
      cursor = s.end();
    }
    if (cursor != dataLength) {
      throw bad(file, "has " + (dataLength - cursor) + " trailing bytes after the last tensor");
    }
    Map<String, Slot> byName = new LinkedHashMap<>();
    list.stream().sorted(Comparator.comparing(Slot::name)).forEach(s -> byName.put(s.name(), s));
    return Collections.unmodifiableMap(byName);
  }

  private static TweetoxException bad(Path file, String what) {
    return new TweetoxException("Safetensors file " + file + " " + what + "; the file is corrupt or not a"
        + " float32 safetensors model, re-export it");
  }

  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public Set<String> names() {
    return slots.keySet();
  }

  @Override
  public long[] shape(String name) {
    return slot(name).shape().clone();
  }

  /** The tensor's dtype, {@link #F32} or {@link #I8}. */
  public String dtype(String name) {
    return slot(name).dtype();
  }

  /** The values of an I8 tensor in row-major order. */
  public byte[] readInt8(String name) {
    Slot s = slot(name);
    if (!s.dtype().equals(I8)) {
      throw new TweetoxException("Safetensors file " + file + ": tensor " + name + " is " + s.dtype()
          + ", not I8; read it as float32");
    }
    byte[] out = new byte[Math.toIntExact(s.end() - s.begin())];
    data.duplicate().position((int) s.begin()).limit((int) s.end()).slice().get(out);
    return out;
  }

  @Override
  public float[] read(String name) {
    Slot s = slot(name);
    if (!s.dtype().equals(F32)) {
      throw new TweetoxException("Safetensors file " + file + ": tensor " + name + " is " + s.dtype()
          + ", not F32; it holds quantized weights, read it with readInt8");
    }
    float[] out = new float[Math.toIntExact((s.end() - s.begin()) / Float.BYTES)];
    data.duplicate().position((int) s.begin()).limit((int) s.end()).slice().order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer().get(out);
    return out;
  }

  private Slot slot(String name) {
    Slot s = slots.get(name);
    if (s == null) {
      throw new TweetoxException("Safetensors file " + file + " has no tensor " + name);
    }
    return s;
  }
}
