package dev.salvo.exec.testing;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import java.util.ArrayList;
import java.util.List;

/** Reads query results into Java rows, closing every batch. */
public final class Results {
  private Results() {}

  /** Every remaining row of {@code stream}; the stream stays open. */
  public static List<List<Object>> rows(ResultStream stream) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
      try (Batch owned = batch) {
        rows.addAll(rows(owned));
      }
    }
    return rows;
  }

  public static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < batch.rowCount(); row++) {
      List<Object> values = new ArrayList<>();
      for (int c = 0; c < batch.columnCount(); c++) {
        values.add(VectorValues.get(batch.column(c), row));
      }
      rows.add(values);
    }
    return rows;
  }
}
