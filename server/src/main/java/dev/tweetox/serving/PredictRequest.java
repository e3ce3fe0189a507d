package dev.tweetox.serving;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The body of {@code POST /v1/predict}: {@code {"texts": ["...", ...]}}. Parsing is strict so a client learns
 * exactly what is wrong: a body that is not JSON is 400; JSON of the wrong shape (missing or extra field, a
 * non-string text, no texts) is 422; too many bytes, texts or characters is 413.
 *
 * @param texts the raw tweets, in order
 */
public record PredictRequest(List<String> texts) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public PredictRequest {
    texts = List.copyOf(texts);
  }

  /**
   * Reads and validates a body, never reading more than {@code config.maxBodyBytes() + 1} bytes.
   *
   * @param declaredLength the Content-Length header, or -1 when absent (chunked)
   */
  public static PredictRequest read(InputStream body, long declaredLength, ServerConfig config) throws IOException {
    return read(body, declaredLength, config, config.maxBatch());
  }

  /** As {@link #read(InputStream, long, ServerConfig)}, allowing at most {@code maxTexts} texts. */
  public static PredictRequest read(InputStream body, long declaredLength, ServerConfig config, int maxTexts)
      throws IOException {
    int max = config.maxBodyBytes();
    if (declaredLength > max) {
      throw ApiError.tooLarge("request body is " + declaredLength + " bytes; the limit is " + max
          + "; send fewer texts per request");
    }
    byte[] bytes = body.readNBytes(max + 1);
    if (bytes.length > max) {
      throw ApiError.tooLarge("request body exceeds " + max + " bytes; send fewer texts per request");
    }
    return parse(bytes, config, maxTexts);
  }

  /** Validates an already-read body. */
  public static PredictRequest parse(byte[] bytes, ServerConfig config) {
    return parse(bytes, config, config.maxBatch());
  }

  /** Validates an already-read body of at most {@code maxTexts} texts. */
  public static PredictRequest parse(byte[] bytes, ServerConfig config, int maxTexts) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonParseException e) {
      throw ApiError.malformed("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiError.malformed("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiError.malformed("unreadable body: " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw ApiError.malformed("empty body; send {\"texts\": [\"...\"]}");
    }
    if (!root.isObject()) {
      throw ApiError.invalid("the body must be a JSON object like {\"texts\": [\"...\"]}, got " + kind(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("texts")) {
        throw ApiError.invalid("unknown field \"" + f + "\"; the only field is \"texts\"");
      }
    }
    JsonNode arr = root.get("texts");
    if (arr == null) {
      throw ApiError.invalid("missing field \"texts\": an array of strings");
    }
    if (!arr.isArray()) {
      throw ApiError.invalid("\"texts\" must be an array of strings, got " + kind(arr));
    }
    if (arr.isEmpty()) {
      throw ApiError.invalid("\"texts\" is empty; send at least one text");
    }
    if (arr.size() > maxTexts) {
      throw ApiError.tooLarge("\"texts\" has " + arr.size() + " items; the limit is " + maxTexts
          + " per request; split it into several requests");
    }
    List<String> texts = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode t = arr.get(i);
      if (!t.isTextual()) {
        throw ApiError.invalid("texts[" + i + "] must be a string, got " + kind(t));
      }
      if (t.textValue().length() > config.maxTextChars()) {
        throw ApiError.tooLarge("texts[" + i + "] has " + t.textValue().length() + " characters; the limit is "
            + config.maxTextChars());
      }
      texts.add(t.textValue());
    }
    return new PredictRequest(texts);
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
