package dev.salvo.bench;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A TPC-H scale factor and the names derived from it: the generated schema ({@code sf0_1} for
 * 0.1) and where its cached copies live under the benchmark's data directory.
 */
public record TpchScale(double factor, Path dataDirectory) {
  /** The schema name, e.g. {@code sf1} or {@code sf0_1}. */
  public String schemaName() {
    String text = factor == Math.rint(factor) ? String.valueOf((long) factor)
        : String.format(Locale.ROOT, "%s", factor);
    return "sf" + text.replace('.', '_');
  }

  /** Where the DuckDB database file of this scale is cached. */
  public Path duckDbFile() {
    return dataDirectory.resolve("duckdb").resolve(schemaName() + ".duckdb");
  }

  /** Salvo's data directory (its durable tables persist there between runs). */
  public Path salvoDataDirectory() {
    return dataDirectory.resolve("salvo");
  }
}
