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
  ANTI,
  /**
   * Each build row that has at least one match, once, after every probe row has been seen;
   * build columns only. A SEMI join that builds its (smaller) outer side.
   */
  RIGHT_SEMI,
  /**
   * Each build row that has no match, after every probe row has been seen; build columns only.
   * An ANTI join that builds its (smaller) outer side.
   */
  RIGHT_ANTI;

  /** Whether the output has only the probe side's columns. */
  public boolean projectsProbeOnly() {
    return this == SEMI || this == ANTI;
  }

  /** Whether unmatched probe rows are emitted (with NULL build columns). */
  public boolean keepsUnmatchedProbe() {
    return this == LEFT || this == FULL;
  }

  /** Whether the output has only the build side's columns. */
  public boolean projectsBuildOnly() {
    return this == RIGHT_SEMI || this == RIGHT_ANTI;
  }

  /**
   * Whether unmatched build rows are emitted (with NULL probe columns) once every probe row has
   * been seen.
   */
  public boolean keepsUnmatchedBuild() {
    return this == RIGHT || this == FULL;
  }

  /** Whether the join remembers which build rows matched, to emit rows by it at the end. */
  public boolean tracksBuildMatches() {
    return keepsUnmatchedBuild() || projectsBuildOnly();
  }
}
