package dev.salvo.bench;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole result, from Salvo's engine or from JDBC, into rows of Java values. */
public final class ResultRows {
  private ResultRows() {}

  /** Every row of {@code stream}, which this closes. */
  public static List<List<Object>> of(ResultStream stream) {
    List<List<Object>> rows = new ArrayList<>();
    try (stream) {
      Batch next;
      while ((next = stream.next()) != null) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>(batch.columnCount());
            for (int column = 0; column < batch.columnCount(); column++) {
              values.add(VectorValues.get(batch.column(column), row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  /** Every row of {@code resultSet}, which this closes. */
  public static List<List<Object>> of(ResultSet resultSet) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (resultSet) {
      int columns = resultSet.getMetaData().getColumnCount();
      while (resultSet.next()) {
        List<Object> values = new ArrayList<>(columns);
        for (int column = 1; column <= columns; column++) {
          values.add(resultSet.getObject(column));
        }
        rows.add(values);
      }
    }
    return rows;
  }
}
