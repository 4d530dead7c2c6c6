package dev.salvo.sql.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.SalvoEngine;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system schema: tables the embedder mounts, read from a snapshot as a query starts. */
class SystemSchemaTest {
  private static final RowType THINGS = RowType.of(
      new Column("name", DataType.VARCHAR.withNullable(false)),
      new Column("size", DataType.BIGINT),
      new Column("seen", DataType.TIMESTAMP));

  private final List<List<Object>> things = new CopyOnWriteArrayList<>();
  private SalvoEngine engine;

  @BeforeEach
  void start() {
    engine = new SalvoEngine(new EngineConfig(2, 2, 64L << 20, 256L << 20, Map.of()),
        Map.of("things", new SnapshotTableSource("system.things", THINGS,
            () -> new ArrayList<>(things))));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void queriesSeeTheRowsAsTheyStart() {
    things.add(Arrays.asList("a", 1L, LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
    things.add(Arrays.asList("b", null, null));
    things.add(Arrays.asList("c", 3L, null));
    assertEquals(List.of(List.of("c", 3L), List.of("a", 1L)),
        rows("SELECT name, size FROM system.things WHERE size IS NOT NULL ORDER BY size DESC"));
    assertEquals(List.of(List.of(3L)), rows("SELECT count(*) FROM system.things"));

    things.add(Arrays.asList("d", 4L, null));
    assertEquals(List.of(List.of(4L)), rows("SELECT count(*) FROM SYSTEM.THINGS"));
    assertEquals(List.of(List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5))),
        rows("SELECT seen FROM system.things WHERE name = 'a'"));
  }

  @Test
  void unknownSystemTablesAreTableNotFound() {
    SalvoException error = assertThrows(SalvoException.class,
        () -> engine.compile("SELECT * FROM system.nothing"));
    assertEquals(ErrorCode.TABLE_NOT_FOUND, error.code());
    // SYSTEM is not reserved in Salvo's grammar, but TABLESAMPLE SYSTEM still parses.
    assertEquals(List.of(List.of(0L)),
        rows("SELECT count(*) AS system FROM system.things AS system"));
  }

  private List<List<Object>> rows(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql)) {
      Batch batch;
      while ((batch = stream.next()) != null) {
        try (Batch current = batch) {
          for (int row = 0; row < current.rowCount(); row++) {
            List<Object> values = new ArrayList<>();
            for (FieldVector vector : current.columns()) {
              values.add(VectorValues.get(vector, row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }
}
