package dev.tweetox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tweetox.TweetoxException;
import dev.tweetox.config.BundledDataset;
import dev.tweetox.config.CleaningConfig;
import dev.tweetox.config.ConflictPolicy;
import dev.tweetox.config.DataConfig;
import dev.tweetox.config.DataFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
  @TempDir
  Path dir;

  private static final CleaningConfig DEFAULTS = CleaningConfig.defaults();

  static CleaningConfig policy(boolean dropDuplicates, String conflicts) {
    return new CleaningConfig(true, true, true, true, true, true, true, false, false, false, dropDuplicates,
        ConflictPolicy.fromKey(conflicts), true);
  }

  static DataConfig at(Path p) {
    return new DataConfig(p.toString(), null, DataFormat.AUTO, "", "", "", List.of(), "", "");
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  Dataset load(String name, String content, CleaningConfig cleaning) throws IOException {
    return DatasetLoader.load(at(write(name, content)), cleaning);
  }

  @Test
  void notebookLabelsMapToTheFixedSentimentOrder() throws IOException {
    Dataset d = load("nb.csv", "review,label\ngreat,1\nawful,-1\nmeh,0\n", DEFAULTS);
    assertThat(d.labels().values()).containsExactly("-1", "0", "1");
    assertThat(d.labels().names()).containsExactly("negative", "neutral", "positive");
    assertThat(d.examples()).extracting(Example::label).containsExactly(2, 0, 1);
    assertThat(d.examples().get(0).id()).isEqualTo(TextIds.of("great"));
    assertThat(d.source()).endsWith("nb.csv");
  }

  @Test
  void otherLabelsAreSortedAndTheCleanedTextIsKeptBesideTheRaw() throws IOException {
    Dataset d = load("g.csv", "text,label\n\"@bob  you\n  suck\",offensive\nnice one,not-offensive\n", DEFAULTS);
    assertThat(d.labels().values()).containsExactly("not-offensive", "offensive");
    Example first = d.examples().get(0);
    assertThat(first.rawText()).isEqualTo("@bob  you\n  suck");
    assertThat(first.text()).isEqualTo("@user you suck");
    assertThat(first.label()).isEqualTo(1);
    assertThat(first.row()).isEqualTo(1);
  }

  @Test
  void emptyTextOrLabelCellsAreCountedAndDropped() throws IOException {
    Dataset d = load("e.csv", "text,label\n,pos\nhi,\n   ,neg\ngood,pos\nbad,neg\n\u0007,neg\n", DEFAULTS);
    assertThat(d.examples()).extracting(Example::text).containsExactly("good", "bad");
    assertThat(d.report().rowsRead()).isEqualTo(6);
    assertThat(d.report().emptyRows()).isEqualTo(3);
    assertThat(d.report().emptyAfterCleaning()).isEqualTo(1);
    assertThat(d.report().rowsKept()).isEqualTo(2);
  }

  @Test
  void unknownLabelWithExplicitLabelsNamesRowAndValue() throws IOException {
    Path p = write("l.csv", "text,label\na,pos\nb,neg\nc,maybe\n");
    DataConfig c = new DataConfig(p.toString(), null, DataFormat.AUTO, "", "", "", List.of("neg", "pos"), "", "");
    assertThatThrownBy(() -> DatasetLoader.load(c, DEFAULTS))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("l.csv row 3 (line 4) column 'label': unknown label 'maybe'; known labels are"
            + " [neg, pos]");
  }

  @Test
  void explicitLabelsFixTheOrder() throws IOException {
    Path p = write("l.csv", "text,label\na,pos\nb,neg\n");
    DataConfig c = new DataConfig(p.toString(), null, DataFormat.AUTO, "", "", "", List.of("pos", "neg"), "", "");
    assertThat(DatasetLoader.load(c, DEFAULTS).examples()).extracting(Example::label).containsExactly(0, 1);
  }

  @Test
  void aSingleClassIsAnError() throws IOException {
    assertThatThrownBy(() -> load("one.csv", "text,label\na,pos\nb,pos\n", DEFAULTS))
        .isInstanceOf(TweetoxException.class)
        .hasMessageContaining("one.csv: column 'label' has only the label [pos]; a classifier needs at least 2 "
            + "classes");
    assertThatThrownBy(() -> load("after.csv", "text,label\na,pos\nb,pos\n,neg\n", DEFAULTS))
        .hasMessageContaining("after.csv: column 'label' has only the label [pos]");
  }

  private static final String CONFLICTS = "text,label\n"
      + "same,pos\n" // rows 1-3: exact duplicates after cleaning
      + "same ,pos\n"
      + "SAME,neg\n" // different text: not a duplicate
      + "x http://a.b,pos\n" // rows 4-6: "x http" seen 2x pos, 1x neg -> conflict, majority pos
      + "x https://c.d,pos\n"
      + "x www.e.f,neg\n"
      + "tie,pos\n" // rows 7-8: conflict, tie
      + "tie,neg\n"
      + "solo,neg\n";

  @Test
  void conflictsAreDroppedByDefaultAndDuplicatesCollapsed() throws IOException {
    Dataset d = load("c.csv", CONFLICTS, DEFAULTS);
    assertThat(d.examples()).extracting(Example::rawText).containsExactly("same,".substring(0, 4), "SAME", "solo");
    CleaningReport r = d.report();
    assertThat(r.duplicatesDropped()).isEqualTo(1);
    assertThat(r.conflictingTexts()).isEqualTo(2);
    assertThat(r.conflictRowsDropped()).isEqualTo(5);
    assertThat(r.conflictExamples()).containsExactly("tie", "x http");
    assertThat(r.summary()).isEqualTo("Read 9 rows; dropped 0 with an empty text or label, 0 left empty by cleaning "
        + "and 1 exact duplicates (same cleaned text and label). 2 texts appeared with conflicting labels; under "
        + "policy 'drop' all their rows were dropped (5 rows dropped), e.g. \"tie\", \"x http\". Kept 3 rows.");
  }

  @Test
  void majorityKeepsTheMostFrequentLabelAndDropsTies() throws IOException {
    Dataset d = load("c.csv", CONFLICTS, policy(true, "majority"));
    assertThat(d.examples()).extracting(Example::text).containsExactly("same", "SAME", "x http", "solo");
    assertThat(d.examples().get(2).label()).isEqualTo(d.labels().indexOf("pos", "test"));
    assertThat(d.report().conflictRowsDropped()).isEqualTo(3);
    assertThat(d.report().duplicatesDropped()).isEqualTo(2);
  }

  @Test
  void keepLeavesEveryRowAndSuffixesRepeatedHashIds() throws IOException {
    Dataset d = load("k.csv", "text,label\ntie,pos\ntie,neg\ntie,pos\nother,neg\n", policy(false, "keep"));
    String id = TextIds.of("tie");
    // suffixes are given in label order (neg=0 before pos=1), then row order: independent of file order
    assertThat(d.examples()).extracting(Example::id).containsExactly(id + "-2", id, id + "-3", TextIds.of("other"));
    assertThat(d.report().conflictingTexts()).isEqualTo(1);
    assertThat(d.report().conflictRowsDropped()).isZero();
  }

  @Test
  void duplicatesKeepTheRowWithTheSmallestId() throws IOException {
    Dataset d = load("ids.csv", "textID,text,sentiment\nzz,hello,neutral\naa,hello ,neutral\nmm,bye,negative\n",
        DEFAULTS);
    assertThat(d.examples()).extracting(Example::id).containsExactly("aa", "mm");
  }

  @Test
  void shuffledRowsGiveTheSameExamples() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("tweet number " + (i % 30) + " http://t.co/" + i + "," + (i % 3 == 0 ? "neg" : "pos"));
    }
    Dataset a = load("a.csv", "text,label\n" + String.join("\n", lines), policy(true, "majority"));
    Collections.shuffle(lines, new Random(1));
    Dataset b = load("b.csv", "text,label\n" + String.join("\n", lines), policy(true, "majority"));
    assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    assertThat(sortedTriples(b)).isEqualTo(sortedTriples(a));
    assertThat(b.report()).isEqualTo(a.report());
  }

  private static List<String> sortedTriples(Dataset d) {
    return d.examples().stream().map(e -> e.id() + "|" + e.rawText() + "|" + e.label()).sorted().toList();
  }

  @Test
  void givenSplitsShareOneLabelSetAndAFingerprintOfTheThreeFiles() throws IOException {
    Path train = write("train.csv", "text,label\na,x\nb,y\nb,y\ndup,x\n");
    Path val = write("val.csv", "text,label\nc,y\nc,y\n");
    Path test = write("test.csv", "text,label\ndup,z\ne,x\n");
    DataConfig c = new DataConfig(train.toString(), null, DataFormat.AUTO, "", "", "", List.of(), val.toString(),
        test.toString());
    assertThat(DatasetLoader.hasGivenSplits(c)).isTrue();
    GivenSplits g = DatasetLoader.loadGivenSplits(c, DEFAULTS);
    assertThat(g.labels().values()).containsExactly("x", "y", "z");
    assertThat(g.train().labels()).isEqualTo(g.test().labels());
    assertThat(g.train().size()).isEqualTo(3); // the duplicate "b" dropped
    assertThat(g.val().size()).isEqualTo(2); // benchmark files keep their duplicates
    assertThat(g.val().examples()).extracting(Example::id).containsExactly(TextIds.of("c"), TextIds.of("c") + "-2");
    assertThat(g.test().examples().get(0).id()).isEqualTo(TextIds.of("dup") + "-2"); // "dup" is in train too
    assertThat(g.textsAlsoInTrain(g.test())).isEqualTo(1);
    String joined = g.train().fingerprint() + "\n" + g.val().fingerprint() + "\n" + g.test().fingerprint();
    assertThat(g.fingerprint()).isEqualTo(TextIds.sha256Hex(joined.getBytes(StandardCharsets.UTF_8)));
    assertThat(g.all()).hasSize(7);
    assertThatThrownBy(() -> DatasetLoader.load(c, DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void columnIdsMustBeUniqueAcrossGivenFiles() throws IOException {
    Path train = write("train.csv", "textID,text,sentiment\n1,a,positive\n2,b,negative\n");
    Path val = write("val.csv", "textID,text,sentiment\n3,c,positive\n");
    Path test = write("test.csv", "textID,text,sentiment\n2,d,negative\n");
    DataConfig c = new DataConfig(train.toString(), null, DataFormat.AUTO, "", "", "", List.of(), val.toString(),
        test.toString());
    assertThatThrownBy(() -> DatasetLoader.loadGivenSplits(c, DEFAULTS))
        .hasMessageContaining("test.csv row 1 (line 2): id '2' is also used in ")
        .hasMessageContaining("train.csv row 2 (line 3)");
  }

  @Test
  void aFixedLabelSetRejectsOtherLabels() throws IOException {
    Path p = write("eval.csv", "text,label\na,positive\nb,angry\n");
    assertThatThrownBy(() -> DatasetLoader.load(p, at(p), DEFAULTS, LabelSet.sentiment()))
        .hasMessageContaining("eval.csv row 2 (line 3) column 'label': unknown label 'angry'");
  }

  @Test
  void bundledTweetEvalHasItsGivenSplits() {
    DataConfig c = new DataConfig("", BundledDataset.TWEETEVAL_OFFENSIVE, DataFormat.AUTO, "", "", "", List.of(), "",
        "");
    assertThat(DatasetLoader.hasGivenSplits(c)).isTrue();
    GivenSplits g = DatasetLoader.loadGivenSplits(c, DEFAULTS);
    assertThat(g.train().source()).isEqualTo("bundled:tweeteval-offensive/train");
    assertThat(g.train().report().rowsRead()).isEqualTo(11_916);
    assertThat(List.of(g.train().size(), g.val().size(), g.test().size())).containsExactly(11_875, 1_324, 860);
    assertThat(g.labels().values()).containsExactly("not-offensive", "offensive");
  }

  @Test
  void bundledTweetSentimentIsTheDefault() {
    Dataset d = DatasetLoader.load(DataConfig.defaults(), policy(false, "keep"));
    assertThat(d.source()).isEqualTo("bundled:tweet-sentiment");
    assertThat(d.size()).isEqualTo(31_014);
    assertThat(d.classCounts()).containsExactly(8_782, 12_547, 9_685);
  }
}
