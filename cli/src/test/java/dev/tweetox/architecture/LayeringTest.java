package dev.tweetox.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.tweetox.TweetoxException;
import dev.tweetox.cli.Main;
import dev.tweetox.pipeline.Pipeline;
import dev.tweetox.predict.Predictor;
import dev.tweetox.serving.PredictionServer;
import dev.tweetox.spark.TweetClassifier;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module layering, checked on the compiled classes of each module: core knows no engine, inference knows no
 * training stack, the server and spark run on inference alone, and no two packages import each other, directly or around a
 * cycle. Each module's classes are imported from where its marker class was loaded (its jar or classes folder), so a
 * class moved into the wrong module is caught too.
 */
class LayeringTest {
  private static final String[] ENGINES_AND_REPORTING = {"ai.djl..", "ai.onnxruntime..", "io.javalin..",
      "org.apache.poi..", "org.jfree..", "picocli.."};
  private static final String[] TRAINING_STACK = {"ai.djl..", "org.apache.poi..", "org.jfree..", "picocli..",
      "dev.tweetox.transformer..", "dev.tweetox.pipeline..", "dev.tweetox.report..", "dev.tweetox.tuning..",
      "dev.tweetox.export..", "dev.tweetox.serving..", "dev.tweetox.cli.."};

  /** A module's classes folder (its own build) or jar (the reactor's verify). */
  private static Location location(Class<?> marker) {
    try {
      Path where = Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(where) ? Location.of(new JarFile(where.toFile())) : Location.of(where);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot locate the classes of " + marker, e);
    }
  }

  private static JavaClasses module(Class<?>... markers) {
    return new ClassFileImporter().importLocations(Arrays.stream(markers).map(LayeringTest::location)
        .collect(Collectors.toSet()));
  }

  private static final JavaClasses CORE = module(TweetoxException.class);
  private static final JavaClasses INFERENCE = module(Predictor.class);
  private static final JavaClasses TRAIN = module(Pipeline.class);
  private static final JavaClasses SERVER = module(PredictionServer.class);
  private static final JavaClasses SPARK = module(TweetClassifier.class);
  private static final JavaClasses CLI = module(Main.class);

  @Test
  void eachModuleIsImportedOnItsOwn() {
    // Guards the test itself: six distinct, non-empty modules, or the rules below would check nothing.
    for (JavaClasses m : new JavaClasses[] {CORE, INFERENCE, TRAIN, SERVER, SPARK, CLI}) {
      assertThat(m.size()).isGreaterThan(5);
    }
    assertThat(CORE.contain(Predictor.class)).isFalse();
    assertThat(INFERENCE.contain(TweetoxException.class)).isFalse();
  }

  @Test
  void coreKnowsNoEngineNoReportingLibraryAndNoOtherModule() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(ENGINES_AND_REPORTING)
        .because("core is what every other module and every user of tweetox loads").check(CORE);
    noClasses().should().dependOnClassesThat().resideInAnyPackage(TRAINING_STACK).check(CORE);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tweetox.predict..", "dev.tweetox.bert..",
        "dev.tweetox.onnx..", "dev.tweetox.bundle..").check(CORE);
  }

  @Test
  void inferenceKnowsNoTrainingStack() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(TRAINING_STACK)
        .because("services and Spark executors load inference without libtorch or the training code")
        .check(INFERENCE);
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.javalin..").check(INFERENCE);
  }

  @Test
  void serverRunsOnInferenceAlone() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.apache.poi..", "org.jfree..",
        "dev.tweetox.transformer..", "dev.tweetox.pipeline..", "dev.tweetox.tuning..", "dev.tweetox.export..",
        "dev.tweetox.cli..").check(SERVER);
  }

  @Test
  void sparkRunsOnInferenceAlone() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(TRAINING_STACK)
        .because("executors load tweetox-spark.jar, which has no libtorch nor training code").check(SPARK);
  }

  @Test
  void noPackageCycles() {
    JavaClasses all = module(TweetoxException.class, Predictor.class, Pipeline.class, PredictionServer.class,
        TweetClassifier.class, Main.class);
    assertThat(all.size()).isEqualTo(CORE.size() + INFERENCE.size() + TRAIN.size() + SERVER.size() + SPARK.size()
        + CLI.size());
    slices().matching("dev.tweetox.(**)").should().beFreeOfCycles().check(all);
  }
}
