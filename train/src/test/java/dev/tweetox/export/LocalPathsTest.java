package dev.tweetox.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPathsTest {
  @Test
  void absolutePathsBecomeFileNamesAndUrlsAndRelativePathsStay() {
    assertThat(LocalPaths.strip("/home/ana/runs/tiny")).isEqualTo("tiny");
    assertThat(LocalPaths.strip("data: /tmp/x/tweets.csv (sha256 ab)")).isEqualTo("data: tweets.csv (sha256 ab)");
    assertThat(LocalPaths.strip("{\"path\" : \"/srv/data/my.csv\"}")).isEqualTo("{\"path\" : \"my.csv\"}");
    assertThat(LocalPaths.strip("see http://x.co/a/b and runs/x/y")).isEqualTo("see http://x.co/a/b and runs/x/y");
    assertThat(LocalPaths.strip("bundled:tweet-sentiment")).isEqualTo("bundled:tweet-sentiment");
    assertThat(LocalPaths.strip((Object) 0.5)).isEqualTo(0.5);
  }
}
