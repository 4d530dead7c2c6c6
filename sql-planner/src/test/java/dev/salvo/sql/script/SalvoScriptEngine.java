package dev.salvo.sql.script;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.sql.SalvoEngine;
import java.util.ArrayList;
import java.util.List;

/** Runs script records on a shared {@link SalvoEngine}, the system under test. */
final class SalvoScriptEngine implements ScriptEngine {
  private final SalvoEngine engine;

  SalvoScriptEngine(SalvoEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return Engines.SALVO;
  }

  @Override
  public void execute(String sql) {
    query(sql);
  }

  @Override
  public QueryResult query(String sql) {
    try (ResultStream stream = engine.execute(sql)) {
      List<String> names = new ArrayList<>();
      for (Column column : stream.rowType().columns()) {
        names.add(column.name());
      }
      List<List<Object>> rows = new ArrayList<>();
      Batch next;
      while ((next = stream.next()) != null) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount(); row++) {
            List<Object> values = new ArrayList<>(batch.columnCount());
            for (int column = 0; column < batch.columnCount(); column++) {
              values.add(Values.normalize(VectorValues.get(batch.column(column), row)));
            }
            rows.add(values);
          }
        }
      }
      return new QueryResult(names, rows);
    }
  }

  /** {@code "CODE: message"}, so that scripts can assert the error code. */
  @Override
  public String describeError(Throwable error) {
    SalvoException salvo = SalvoException.wrap(error);
    return salvo.code() + ": " + salvo.getMessage();
  }

  @Override
  public void close() {
    // The engine is shared by every script and closed with the test run.
  }
}
