package dev.tweetox.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A loopback HTTP client for the server tests. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  Reply post(String path, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r);
  }
}
