package dev.salvo.sql.tables;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.SalvoEngine;
import java.util.ArrayList;
import java.util.List;

/** Runs a statement on an engine and collects its rows as Java values. */
final class EngineRows {
  private EngineRows() {}

  static List<List<Object>> rows(SalvoEngine engine, String sql) {
    return drain(engine.execute(sql));
  }

  /** Reads {@code stream} to its end and closes it. */
  static List<List<Object>> drain(ResultStream result) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = result) {
      Batch batch;
      while ((batch = stream.next()) != null) {
        try (Batch closing = batch) {
          for (int row = 0; row < closing.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (int column = 0; column < closing.columnCount(); column++) {
              values.add(VectorValues.get(closing.column(column), row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  /** The update count a DDL or DML statement answers. */
  static long update(SalvoEngine engine, String sql) {
    List<List<Object>> rows = rows(engine, sql);
    return (Long) rows.get(0).get(0);
  }
}
