package dev.tweetox.serving;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The web page and the OpenAPI document, read once from the classpath; no CDN, so the page works offline. */
final class StaticAssets {
  record Asset(String contentType, byte[] bytes) {}

  private static final String DIR = "/dev/tweetox/serving/";
  /**
   * The page's scripts, each served at {@code /<name>}: file parsing, batch scoring, word highlights, the result
   * table and its CSV, and the page itself.
   */
  static final List<String> SCRIPTS = List.of("files.js", "batch.js", "words.js", "table.js", "app.js");
  private final Map<String, Asset> assets;

  private StaticAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  static StaticAssets load() {
    Map<String, Asset> m = new LinkedHashMap<>();
    m.put("index.html", read("web/index.html", "text/html; charset=utf-8"));
    for (String script : SCRIPTS) {
      m.put(script, read("web/" + script, "text/javascript; charset=utf-8"));
    }
    m.put("app.css", read("web/app.css", "text/css; charset=utf-8"));
    m.put("openapi.json", read("openapi.json", "application/json"));
    return new StaticAssets(Map.copyOf(m));
  }

  Asset get(String name) {
    Asset a = assets.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no asset " + name);
    }
    return a;
  }

  private static Asset read(String name, String type) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DIR + name + " (broken build?)");
      }
      return new Asset(type, in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + DIR + name, e);
    }
  }
}
