package dev.tweetox.spark;

import java.io.File;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** The local disk under the scheme {@code tweetoxtest:}, which tweetox treats as a remote Hadoop file system. */
public class FakeRemoteFs extends RawLocalFileSystem {
  static final String SCHEME = "tweetoxtest";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public File pathToFile(Path path) {
    return new File(path.toUri().getPath());
  }
}
