package dev.salvo.sql.function;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import dev.salvo.udf.runtime.UdfRuntime;
import java.util.ArrayList;
import java.util.List;

/** An engine for function tests, answering each statement with its rows as Java values. */
final class FunctionTestEngine implements AutoCloseable {
  private final SalvoEngine engine;

  FunctionTestEngine(EngineConfig config, UdfRuntime runtime) {
    this.engine = new SalvoEngine(config, runtime);
  }

  SalvoEngine engine() {
    return engine;
  }

  List<List<Object>> query(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql)) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
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

  Object single(String sql) {
    List<List<Object>> rows = query(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new AssertionError("Expected one value from " + sql + ", got " + rows);
    }
    return rows.get(0).get(0);
  }

  @Override
  public void close() {
    engine.close();
  }
}
