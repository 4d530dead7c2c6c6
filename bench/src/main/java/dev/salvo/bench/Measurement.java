package dev.salvo.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One engine on one query: the timed runs in milliseconds (warm-up runs excluded), the rows
 * of the answer, and either an error (the engine could not run it) or the answer check.
 */
public record Measurement(String engine, int query, List<Double> runMillis, int rows,
    String error, String answerCheck) {

  /** The median of the timed runs, or NaN when the query did not run. */
  public double medianMillis() {
    return median(runMillis);
  }

  public boolean ran() {
    return error == null;
  }

  public Measurement withAnswerCheck(String check) {
    return new Measurement(engine, query, runMillis, rows, error, check);
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
