package dev.tweetox.tuning;

import dev.tweetox.model.ModelKind;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A worker process for the multi-process tests: {@code <storageUrl> <study> <workerId> <leaseMs> <msPerEpoch>
 * <ranLog>}. Runs a 12-trial random study over {@link #SPACE} with {@link FakeObjective}.
 */
public final class FakeWorkerMain {
  static final String SPACE_JSON = "{\"model\": \"transformer\", \"parameters\": {"
      + "\"learningRate\": {\"min\": 1e-5, \"max\": 1e-4, \"log\": true}, \"epochs\": {\"values\": [2, 3]}}}";

  private FakeWorkerMain() {}

  static StudySettings settings(String study) {
    return new StudySettings(study, ModelKind.TRANSFORMER, Strategy.RANDOM, 12, 7, 1.0, Halving.defaults());
  }

  static SearchSpace space() {
    return SearchSpace.fromJson(SPACE_JSON);
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String study = args[1];
    Path ranLog = Path.of(args[5]);
    StudyStore store = StudyStore.open(url, ranLog.getParent());
    StudySettings s = settings(study);
    store.openStudy(s, space());
    PrintWriter out = new PrintWriter(System.out, true);
    int ran = new TuneWorker(store, s, new FakeObjective(Long.parseLong(args[4]), ranLog),
        ranLog.getParent().resolve("trials"), args[2], Long.parseLong(args[3]), out).run();
    out.println("worker " + args[2] + " ran " + ran);
  }
}
