package dev.salvo.exec.plan;

/**
 * Which rows a join emits, relative to its probe (left) and build (right) inputs.
 */
public enum JoinType {
  /** Matching pairs only. */
  INNER,
  /** Matching pairs, plus every unmatched probe row with NULLs for the build columns. */
  LEFT,
  /** Matching pairs, plus every unmatched build row with NULLs for the probe columns. */
  RIGHT,
  /** Both LEFT and RIGHT. */
  FULL,
  /** Each probe row that has at least one match, once; probe columns only. */
  SEMI,
  /** Each probe row that has no match; probe columns only. */
  ANTI;

  /** Whether the output has only the probe side's columns. */
  public boolean projectsProbeOnly() {
    return this == SEMI || this == ANTI;
  }

  /** Whether unmatched probe rows are emitted (with NULL build columns). */
  public boolean keepsUnmatchedProbe() {
    return this == LEFT || this == FULL;
  }

  /** Whether unmatched build rows are emitted once every probe row has been seen. */
  public boolean keepsUnmatchedBuild() {
    return this == RIGHT || this == FULL;
  }
}
