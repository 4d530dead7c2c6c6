package dev.salvo.exec.connector.storage;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import dev.salvo.exec.type.RowType;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Distinct-value sketches of some columns of a set of rows (one data file, or one table version):
 * an UltraLogLog state per column, from which the planner estimates how many distinct values a
 * column holds. Sketches of two row sets merge into the sketch of their union, so a table version
 * after an INSERT is its predecessor's sketches merged with the new file's. Immutable.
 *
 * <p>A column without a sketch is unknown, not empty: merging keeps only the columns both sides
 * know, so one file written without statistics leaves its table without them for that column.
 */
public final class DistinctValueSketches {
  /**
   * 2^11 registers: 2 KiB of state per column and about 2% relative error, plenty for choosing
   * a join order.
   */
  static final int PRECISION = 11;

  private static final DistinctValueSketches NONE = new DistinctValueSketches(Map.of());

  private final Map<Integer, byte[]> states;
  private final Map<Integer, Double> estimates;

  private DistinctValueSketches(Map<Integer, byte[]> states) {
    Map<Integer, byte[]> copy = new TreeMap<>();
    Map<Integer, Double> counts = new HashMap<>();
    states.forEach((column, state) -> {
      if (column < 0) {
        throw new IllegalArgumentException("Negative column " + column);
      }
      byte[] own = state.clone();
      // wrap checks the state's length against a valid precision.
      counts.put(column, UltraLogLog.wrap(own.clone()).getDistinctCountEstimate());
      copy.put(column, own);
    });
    this.states = Collections.unmodifiableMap(copy);
    this.estimates = Map.copyOf(counts);
  }

  /** Nothing known about any column. */
  public static DistinctValueSketches none() {
    return NONE;
  }

  /** The sketches of zero rows of {@code rowType}: every column that can be sketched is known. */
  public static DistinctValueSketches emptyFor(RowType rowType) {
    Map<Integer, byte[]> states = new HashMap<>();
    byte[] empty = UltraLogLog.create(PRECISION).getState();
    for (int column = 0; column < rowType.size(); column++) {
      if (DistinctValueCounter.canCount(rowType.type(column))) {
        states.put(column, empty);
      }
    }
    return new DistinctValueSketches(states);
  }

  static DistinctValueSketches of(Map<Integer, UltraLogLog> sketches) {
    Map<Integer, byte[]> states = new HashMap<>();
    sketches.forEach((column, sketch) -> states.put(column, sketch.getState()));
    return new DistinctValueSketches(states);
  }

  /** The columns with a sketch. */
  public Set<Integer> columns() {
    return states.keySet();
  }

  public boolean isEmpty() {
    return states.isEmpty();
  }

  /** The estimated number of distinct non-null values of {@code column}, when sketched. */
  public OptionalDouble distinctCount(int column) {
    Double estimate = estimates.get(column);
    return estimate == null ? OptionalDouble.empty() : OptionalDouble.of(estimate);
  }

  /** The sketches of both row sets together, for the columns both know. */
  public DistinctValueSketches merge(DistinctValueSketches other) {
    Map<Integer, byte[]> merged = new HashMap<>();
    for (Map.Entry<Integer, byte[]> entry : states.entrySet()) {
      byte[] theirs = other.states.get(entry.getKey());
      if (theirs != null) {
        UltraLogLog union = UltraLogLog.merge(UltraLogLog.wrap(entry.getValue().clone()),
            UltraLogLog.wrap(theirs.clone()));
        merged.put(entry.getKey(), union.getState());
      }
    }
    return new DistinctValueSketches(merged);
  }

  /** The form the catalog store keeps: each column's state in Base64, by column position. */
  public Map<Integer, String> encode() {
    Map<Integer, String> encoded = new TreeMap<>();
    states.forEach((column, state) -> encoded.put(column,
        Base64.getEncoder().encodeToString(state)));
    return encoded;
  }

  /**
   * Reads {@link #encode()}'s form back.
   *
   * @throws IllegalArgumentException for text that is not a sketch state
   */
  public static DistinctValueSketches decode(Map<Integer, String> encoded) {
    Map<Integer, byte[]> states = new HashMap<>();
    encoded.forEach((column, text) -> states.put(column, Base64.getDecoder().decode(text)));
    return new DistinctValueSketches(states);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DistinctValueSketches that)
        || !states.keySet().equals(that.states.keySet())) {
      return false;
    }
    return states.entrySet().stream()
        .allMatch(entry -> Arrays.equals(entry.getValue(), that.states.get(entry.getKey())));
  }

  @Override
  public int hashCode() {
    int hash = states.keySet().hashCode();
    for (byte[] state : states.values()) {
      hash = 31 * hash + Arrays.hashCode(state);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "DistinctValueSketches" + new TreeMap<>(estimates);
  }
}
