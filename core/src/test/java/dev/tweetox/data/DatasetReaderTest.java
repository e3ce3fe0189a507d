package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.DataFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir
  Path dir;

  static DataConfig config(String format) {
    return new DataConfig("", null, DataFormat.fromKey(format), "", "", "", List.of(), "", "");
  }

  Path write(String name, String content) throws IOException {
    return write(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  RawTable read(Path p) {
    return DatasetReader.read(p, config("auto"));
  }

  @Test
  void detectsTheNotebookLayoutInAnyLetterCase() throws IOException {
    RawTable t = read(write("nb.csv", "Review,LABEL\ngood day,1\nbad day,-1\n"));
    assertThat(t.layout()).isEqualTo("notebook");
    assertThat(t.idsFromColumn()).isFalse();
    assertThat(t.rows()).containsExactly(new RawRow("", "good day", "1", 1, 2), new RawRow("", "bad day", "-1", 2, 3));
  }

  @Test
  void detectsTweetSentimentExtractionWithIdsFromTextId() throws IOException {
    RawTable t = read(write("tse.csv", "textID,text,selected_text,sentiment\na1,hi there,hi,neutral\n"));
    assertThat(t.layout()).isEqualTo("tse");
    assertThat(t.idsFromColumn()).isTrue();
    assertThat(t.rows()).containsExactly(new RawRow("a1", "hi there", "neutral", 1, 2));
  }

  @Test
  void detectsGenericTextLabel() throws IOException {
    RawTable t = read(write("g.csv", "label,text\noffensive,you suck\n"));
    assertThat(t.layout()).isEqualTo("generic");
    assertThat(t.rows().get(0).text()).isEqualTo("you suck");
  }

  @Test
  void configuredColumnsWinOverDetection() throws IOException {
    DataConfig c = new DataConfig("", null, DataFormat.CSV, "Tweet", "Class", "tweet_id", List.of(), "", "");
    RawTable t = DatasetReader.read(write("c.csv", "tweet_id,Class,Tweet\n7,pos,yay\n"), c);
    assertThat(t.layout()).isEqualTo("custom");
    assertThat(t.rows()).containsExactly(new RawRow("7", "yay", "pos", 1, 2));
  }

  @Test
  void readsTsvByExtensionAndFormat() throws IOException {
    RawTable t = read(write("d.tsv", "text\tlabel\nhello, world\tpos\n\"quoted\ttab\"\tneg\n"));
    assertThat(t.rows()).extracting(RawRow::text).containsExactly("hello, world", "quoted\ttab");
    RawTable t2 = DatasetReader.read(write("d.txt", "text\tlabel\na\tb\n"), config("tsv"));
    assertThat(t2.rows()).extracting(RawRow::label).containsExactly("b");
    RawTable t3 = DatasetReader.read(write("commas.tsv", "text,label\na\tb,c\n"), config("csv"));
    assertThat(t3.rows()).extracting(RawRow::text).containsExactly("a\tb");
  }

  @Test
  void readsJsonlWithKeysInAnyCaseAndNumericLabels() throws IOException {
    RawTable t = read(write("d.jsonl",
        "{\"Text\": \"hi \\\"you\\\"\", \"label\": 1}\n\n{\"text\": \"yo\", \"label\": 0}\n"));
    assertThat(t.rows()).containsExactly(new RawRow("", "hi \"you\"", "1", 1, 1), new RawRow("", "yo", "0", 2, 3));
    assertThat(t.blankLines()).isEqualTo(1);
  }

  @Test
  void jsonlErrorsNameTheLine() throws IOException {
    assertThatThrownBy(() -> read(write("bad.jsonl", "{\"text\":\"a\",\"label\":\"x\"}\n{not json}\n")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("bad.jsonl row 2 (line 2): not valid JSON");
    assertThatThrownBy(() -> read(write("arr.jsonl", "[1,2]\n")))
        .hasMessageContaining("arr.jsonl row 1 (line 1): expected a JSON object");
  }

  @Test
  void readsGzipTransparentlyAndFingerprintsTheDecompressedBytes() throws IOException {
    String csv = "text,label\na,x\nb,y\n";
    Path gz = dir.resolve("d.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    RawTable t = read(gz);
    assertThat(t.rows()).hasSize(2);
    assertThat(t.fingerprint())
        .isEqualTo(TextIds.sha256Hex(csv.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(read(write("d.csv", csv)).fingerprint());
  }

  @Test
  void aGzExtensionOnAPlainFileIsAClearError() throws IOException {
    assertThatThrownBy(() -> read(write("plain.csv.gz", "text,label\na,b\n")))
        .hasMessageContaining("plain.csv.gz is not a valid gzip file");
  }

  @Test
  void missingFileIsAnErrorNamingTheFile() {
    assertThatThrownBy(() -> read(dir.resolve("nope.csv")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("nope.csv does not exist");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    assertThatThrownBy(() -> read(write("empty.csv", "")))
        .isInstanceOf(TweetoxException.class).hasMessageContaining("empty.csv is empty");
    assertThatThrownBy(() -> read(write("blank.csv", "\n  \n")))
        .hasMessageContaining("blank.csv is empty");
    assertThatThrownBy(() -> read(write("header.csv", "text,label\n\n")))
        .hasMessageContaining("header.csv has a header but no data rows");
  }

  @Test
  void missingColumnsListWhatIsThereAndWhatIsExpected() throws IOException {
    assertThatThrownBy(() -> read(write("cols.csv", "sentence,target\na,b\n")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("cols.csv: cannot tell the text and label columns apart; "
            + "the header has [sentence, target]")
        .hasMessageContaining("expected review,label");
    DataConfig tse = config("tse");
    assertThatThrownBy(() -> DatasetReader.read(write("t.csv", "textID,text,label\n1,a,b\n"), tse))
        .hasMessageContaining("t.csv: missing column [sentiment]; the header has [textID, text, label]");
  }

  @Test
  void aUtf8ByteOrderMarkIsStripped() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "textID,text,sentiment\nx,héllo,positive\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    RawTable t = read(write("bom.csv", all));
    assertThat(t.layout()).isEqualTo("tse");
    assertThat(t.rows()).containsExactly(new RawRow("x", "héllo", "positive", 1, 2));
    assertThat(t.fingerprint()).isEqualTo(TextIds.sha256Hex(all));
  }

  @Test
  void nonUtf8BytesAreAnErrorNamingRowAndLine() throws IOException {
    byte[] head = "text,label\nfine,a\n\"two\nlines\",b\ncaf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = " latin1,a\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9; // "é" in Latin-1
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    assertThatThrownBy(() -> read(write("latin.csv", all)))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("latin.csv row 3 (line 5): not valid UTF-8")
        .hasMessageContaining("re-save the file as UTF-8");
  }

  @Test
  void nonUtf8InJsonlOrTheHeaderIsNamedToo() throws IOException {
    byte[] jsonl = "{\"text\":\"a\",\"label\":\"x\"}\n{\"text\":\"b?\",\"label\":\"y\"}\n"
        .getBytes(StandardCharsets.UTF_8);
    jsonl[jsonl.length - 16] = (byte) 0xFF;
    assertThatThrownBy(() -> read(write("bad.jsonl", jsonl)))
        .hasMessageContaining("bad.jsonl row 2 (line 2): not valid UTF-8");
    byte[] csv = "te?t,label\na,b\n".getBytes(StandardCharsets.UTF_8);
    csv[2] = (byte) 0xC3;
    assertThatThrownBy(() -> read(write("head.csv", csv)))
        .hasMessageContaining("head.csv line 1 (header): not valid UTF-8");
  }

  @Test
  void quotedNewlinesStayInTheTextAndLinesAreTracked() throws IOException {
    RawTable t = read(write("q.csv", "text,label\n\"first\nsecond, \"\"quoted\"\"\",a\nnext,b\n"));
    assertThat(t.rows()).containsExactly(
        new RawRow("", "first\nsecond, \"quoted\"", "a", 1, 2), new RawRow("", "next", "b", 2, 4));
  }

  @Test
  void blankLinesAreSkippedAndDoNotShiftLineNumbers() throws IOException {
    RawTable t = read(write("b.csv", "text,label\r\n\r\na,x\r\n\r\n\r\n , \r\nb,y\r\n"));
    assertThat(t.rows()).containsExactly(new RawRow("", "a", "x", 1, 3), new RawRow("", "b", "y", 2, 7));
    assertThat(t.blankLines()).isEqualTo(1); // the " , " line; truly empty lines never reach us
  }

  @Test
  void aHugeRowIsAnErrorNamingTheRowAndTheLimit() throws IOException {
    String huge = "x".repeat(1 << 20);
    assertThatThrownBy(() -> read(write("huge.csv", "text,label\nok,a\n" + huge + ",b\n")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("huge.csv row 2 (line 3): the text has 1048576 characters, "
            + "more than the limit of 20000");
  }

  @Test
  void duplicateIdsAreAnErrorNamingBothRows() throws IOException {
    Path p = write("dup.csv", "textID,text,sentiment\na,x,neutral\nb,y,neutral\na,z,positive\n");
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("dup.csv row 3 (line 4): id 'a' is already used by row 1 (line 2)");
  }

  @Test
  void aRowWithTheWrongNumberOfFieldsIsAnError() throws IOException {
    assertThatThrownBy(() -> read(write("w.csv", "text,label\nhello, world,a\n")))
        .hasMessageContaining("w.csv row 1 (line 2): has 3 fields but the header has 2");
    assertThat(read(write("trailing.csv", "text,label\nhello,a,,\n")).rows()).hasSize(1);
  }

  @Test
  void anUnclosedQuoteIsAnError() throws IOException {
    assertThatThrownBy(() -> read(write("open.csv", "text,label\n\"never closed,a\nb,c\n")))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("open.csv: not valid CSV");
  }

  @Test
  void emptyCellsAreKeptForTheLoaderToCount() throws IOException {
    RawTable t = read(write("e.csv", "text,label\n,a\nb,\nc,d\n"));
    assertThat(t.rows()).extracting(RawRow::row).containsExactly(1L, 2L, 3L);
  }
}
