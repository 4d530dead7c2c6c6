package dev.salvo.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.runner.ResultStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine plans a repeated statement once per distinct set of bound values. */
class EnginePlanCacheTest {
  private final SalvoEngine engine = new SalvoEngine(EngineConfig.defaults()
      .withParallelism(1).withTpchSchemas(Map.of("tiny", 0.01)));

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private List<Object> column(String sql, List<?> parameters) {
    List<Object> values = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql, parameters)) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          FieldVector vector = batch.column(0);
          for (int row = 0; row < batch.rowCount(); row++) {
            values.add(String.valueOf(vector.getObject(row)));
          }
        }
      }
    }
    return values;
  }

  @Test
  void repeatedStatementsReuseTheirPlanAndDifferentValuesGetTheirOwn() {
    String sql = "SELECT n_name FROM tpch.tiny.nation WHERE n_nationkey = ?";
    assertEquals(List.of("ALGERIA"), column(sql, List.of(0L)));
    assertEquals(List.of("ALGERIA"), column(sql, List.of(0L)));
    assertEquals(List.of("ARGENTINA"), column(sql, List.of(1L)));
    assertEquals(1, engine.planCache().hits());
    assertEquals(2, engine.planCache().misses());
    assertEquals(2, engine.planCache().size());
  }

  @Test
  void preparingAQueryPlansItOnceForTheRunThatFollows() {
    String sql = "SELECT r_name FROM tpch.tiny.region WHERE r_regionkey = 1";
    assertEquals("r_name", engine.prepare(sql).resultType().column(0).name());
    assertEquals(0, engine.planCache().hits());
    assertEquals(1, engine.planCache().misses());
    assertEquals(List.of("AMERICA"), column(sql, List.of()));
    assertEquals(1, engine.planCache().hits());
    assertEquals(1, engine.planCache().misses());
  }

  @Test
  void preparingAQueryWithParametersLeavesPlanningToTheRunWithValues() {
    String sql = "SELECT r_name FROM tpch.tiny.region WHERE r_regionkey = ?";
    assertEquals(1, engine.prepare(sql).parameterTypes().size());
    assertEquals(0, engine.planCache().misses());
    assertEquals(List.of("ASIA"), column(sql, List.of(2L)));
    assertEquals(1, engine.planCache().misses());
  }

  @Test
  void preparingAnExplainAnswersTheExplainColumn() {
    String sql = "EXPLAIN SELECT count(*) FROM tpch.tiny.region";
    assertEquals(List.of("plan"), engine.prepare(sql).resultType().columns().stream()
        .map(Column::name).toList());
    List<Object> lines = column(sql, List.of());
    assertEquals("== Logical plan ==", lines.get(0));
    assertEquals(1, engine.planCache().hits());
  }

  @Test
  void invalidationMakesTheNextRunPlanAgain() {
    String sql = "SELECT count(*) FROM tpch.tiny.region";
    assertEquals(List.of("5"), column(sql, List.of()));
    engine.invalidatePlanCache();
    assertEquals(List.of("5"), column(sql, List.of()));
    assertEquals(0, engine.planCache().hits());
    assertEquals(2, engine.planCache().misses());
  }
}
