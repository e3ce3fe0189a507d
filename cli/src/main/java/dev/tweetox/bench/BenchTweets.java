package dev.tweetox.bench;

import dev.tweetox.TweetoxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Real tweets for load tests: the first non-blank texts of the bundled Tweet Sentiment Extraction file. */
public final class BenchTweets {
  private static final String RESOURCE = "/dev/tweetox/data/tweet_sentiment_extraction.csv.gz";

  private BenchTweets() {}

  public static List<String> first(int n) {
    try (InputStream raw = BenchTweets.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new TweetoxException("bench: the bundled tweets " + RESOURCE + " are missing from the classpath");
      }
      Reader r = new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8);
      CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
      List<String> out = new ArrayList<>(n);
      try (CSVParser p = CSVParser.parse(r, fmt)) {
        for (CSVRecord rec : p) {
          String t = rec.get("text").strip();
          if (!t.isEmpty()) {
            out.add(t);
          }
          if (out.size() == n) {
            break;
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new TweetoxException("bench: cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
