package dev.tweetox.baseline;

import de.bwaldvogel.liblinear.SolverType;

/** The regulariser of the logistic regression, with the liblinear primal solver that fits it. */
public enum Penalty {
  /** Sparse weights; coordinate descent (newGLMNET), the solver scikit-learn uses for {@code penalty="l1"}. */
  L1("l1", SolverType.L1R_LR),
  /** Dense weights; trust-region Newton, the solver scikit-learn uses for {@code penalty="l2", dual=False}. */
  L2("l2", SolverType.L2R_LR);

  private final String configName;
  private final SolverType solver;

  Penalty(String configName, SolverType solver) {
    this.configName = configName;
    this.solver = solver;
  }

  /** The spelling used in configs and saved models. */
  public String configName() {
    return configName;
  }

  SolverType solver() {
    return solver;
  }

  /** Parses {@code l1} or {@code l2} (already validated by the config). */
  public static Penalty parse(String name) {
    for (Penalty p : values()) {
      if (p.configName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown penalty '" + name + "'");
  }
}
