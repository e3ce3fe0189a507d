package dev.tweetox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path tmp;

  @Test
  void writesAndReplaces() throws IOException {
    Path f = tmp.resolve("sub/a.txt");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
  }

  @Test
  void aFailingWriterLeavesTheOldFileAndNoTempFile() throws IOException {
    Path f = tmp.resolve("a.txt");
    AtomicFiles.writeString(f, "old");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half".getBytes());
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("a.txt").hasMessageContaining("disk full");
    assertThat(Files.readString(f)).isEqualTo("old");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void deleteTreeRemovesNestedFoldersAndMoveRenamesAFolder() throws IOException {
    Path a = tmp.resolve("a");
    Files.createDirectories(a.resolve("b/c"));
    Files.writeString(a.resolve("b/c/f.txt"), "x");
    Files.writeString(a.resolve("g.txt"), "y");
    Path moved = tmp.resolve("moved");
    AtomicFiles.move(a, moved);
    assertThat(a).doesNotExist();
    assertThat(moved.resolve("b/c/f.txt")).hasContent("x");
    AtomicFiles.deleteTree(moved);
    assertThat(moved).doesNotExist();
    AtomicFiles.deleteTree(moved); // missing is fine
    assertThat(tmp).isEmptyDirectory();
  }
}
