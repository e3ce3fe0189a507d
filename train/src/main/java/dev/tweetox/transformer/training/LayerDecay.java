package dev.tweetox.transformer.training;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layer-wise learning-rate decay (Clark et al. 2020, ELECTRA; Sun et al. 2019 for BERT): lower layers hold more
 * general features, so they move less. The head and pooler train at the full rate, encoder layer {@code i} of
 * {@code L} at {@code decay^(L - i)}, and the embeddings at {@code decay^(L + 1)}.
 */
public final class LayerDecay {
  private static final Pattern LAYER = Pattern.compile("^bert\\.encoder\\.layer\\.(\\d+)\\.");

  private LayerDecay() {}

  /** Rate multipliers for the Hugging Face parameter {@code names} of a BERT with {@code layers} layers. */
  public static Map<String, Double> scales(Collection<String> names, int layers, double decay) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String name : names) {
      out.put(name, Math.pow(decay, depthFromTop(name, layers)));
    }
    return out;
  }

  /** 0 for the head and pooler, {@code L - i} for encoder layer i, {@code L + 1} for the embeddings. */
  static int depthFromTop(String name, int layers) {
    Matcher m = LAYER.matcher(name);
    if (m.find()) {
      return layers - Integer.parseInt(m.group(1));
    }
    return name.startsWith("bert.embeddings.") ? layers + 1 : 0;
  }
}
