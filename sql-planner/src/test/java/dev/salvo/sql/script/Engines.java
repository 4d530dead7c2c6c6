package dev.salvo.sql.script;

import java.util.Set;

/** Which engines a record runs on, from the {@code skipif} and {@code onlyif} lines before it. */
record Engines(Set<String> skipIf, Set<String> onlyIf) {
  /** The system under test. */
  static final String SALVO = "salvo";
  /** The reference engine whose answers Salvo must match. */
  static final String DUCKDB = "duckdb";
  static final Set<String> KNOWN = Set.of(SALVO, DUCKDB);
  static final Engines ALL = new Engines(Set.of(), Set.of());

  Engines {
    skipIf = Set.copyOf(skipIf);
    onlyIf = Set.copyOf(onlyIf);
  }

  boolean runsOn(String engine) {
    return !skipIf.contains(engine) && (onlyIf.isEmpty() || onlyIf.contains(engine));
  }
}
