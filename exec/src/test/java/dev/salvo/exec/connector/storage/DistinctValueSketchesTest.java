package dev.salvo.exec.connector.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Distinct-value sketches: made while a file is written, merged, stored as text. */
class DistinctValueSketchesTest {
  private static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT.withNullable(false)),
      new Column("nation", DataType.INTEGER),
      new Column("name", DataType.varchar(20)),
      new Column("price", DataType.decimal(10, 2)),
      new Column("ratio", DataType.DOUBLE),
      new Column("tags", DataType.array(DataType.INTEGER)));

  @TempDir
  Path directory;

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void writingAFileCountsEachScalarColumnsDistinctNonNullValues() {
    DataFile file = write(0, 1000);
    DistinctValueSketches sketches = file.distinctValues();
    // Nested columns are not sketched.
    assertEquals(Set.of(0, 1, 2, 3, 4), sketches.columns());
    assertAbout(1000, sketches.distinctCount(0));
    // 25 nations and a null.
    assertEquals(25, sketches.distinctCount(1).getAsDouble(), 0.5);
    assertAbout(500, sketches.distinctCount(2));
    assertEquals(7, sketches.distinctCount(3).getAsDouble(), 0.5);
    // 0.0 and -0.0 are one value.
    assertEquals(2, sketches.distinctCount(4).getAsDouble(), 0.5);
  }

  @Test
  void mergedSketchesCountTheUnionOfTheirRows() {
    DistinctValueSketches first = write(0, 1000).distinctValues();
    DistinctValueSketches overlapping = write(500, 1000).distinctValues();
    DistinctValueSketches merged = first.merge(overlapping);
    assertAbout(1500, merged.distinctCount(0));
    assertEquals(25, merged.distinctCount(1).getAsDouble(), 0.5);
    assertEquals(merged, DistinctValueSketches.emptyFor(ROW_TYPE).merge(first)
        .merge(overlapping));
    // A side without a column leaves it unknown.
    assertTrue(first.merge(DistinctValueSketches.none()).isEmpty());
    assertEquals(0, DistinctValueSketches.emptyFor(ROW_TYPE).distinctCount(0).getAsDouble());
  }

  @Test
  void sketchesSurviveTheirTextForm() {
    DistinctValueSketches sketches = write(0, 300).distinctValues();
    Map<Integer, String> encoded = sketches.encode();
    DistinctValueSketches decoded = DistinctValueSketches.decode(encoded);
    assertEquals(sketches, decoded);
    assertEquals(sketches.distinctCount(2), decoded.distinctCount(2));
    assertThrows(IllegalArgumentException.class,
        () -> DistinctValueSketches.decode(Map.of(0, "not base64 at all!")));
    assertThrows(IllegalArgumentException.class,
        () -> DistinctValueSketches.decode(Map.of(0, "AAAA")));
  }

  @Test
  void aStoredVersionsCountsStayWithinItsRows() {
    DataFile file = write(0, 10);
    DistinctValueSketches sketches = file.distinctValues();
    StoredTableSource source = new StoredTableSource("t", ROW_TYPE, directory, List.of(file),
        sketches, true);
    assertEquals(10, source.distinctCount(0).getAsDouble(), 0.5);
    assertTrue(source.distinctCount(0).getAsDouble() <= 10);
    assertTrue(source.distinctCount(5).isEmpty());
    assertTrue(new StoredTableSource("t", ROW_TYPE, directory, List.of(file)).distinctCount(0)
        .isEmpty());
  }

  /** Within 5%: the sketch's error is about 2%. */
  private static void assertAbout(double expected, OptionalDouble actual) {
    assertTrue(actual.isPresent());
    assertEquals(expected, actual.getAsDouble(), expected * 0.05, () -> "estimate " + actual);
  }

  /**
   * Rows with ids first..first+count-1: nation id % 25 (null for id 3), a name shared by two
   * consecutive ids, one of seven prices, a ratio of 0.0, -0.0 or 1.0, and an empty tag list.
   */
  private DataFile write(long first, int count) {
    List<Object> ids = new ArrayList<>();
    List<Object> nations = new ArrayList<>();
    List<Object> names = new ArrayList<>();
    List<Object> prices = new ArrayList<>();
    List<Object> ratios = new ArrayList<>();
    List<Object> tags = new ArrayList<>();
    for (long id = first; id < first + count; id++) {
      ids.add(id);
      nations.add(id == 3 ? null : (int) (id % 25));
      names.add("name " + id / 2);
      prices.add(BigDecimal.valueOf(id % 7 * 125, 2));
      ratios.add(id % 3 == 0 ? 0.0 : id % 3 == 1 ? -0.0 : 1.0);
      tags.add(List.of());
    }
    try (TableFileWriter writer = new TableFileWriter("t", ROW_TYPE, directory, allocator);
        Batch rows = Batch.of(List.of(
            VectorValues.vectorOf("id", ROW_TYPE.type(0), ids, allocator),
            VectorValues.vectorOf("nation", ROW_TYPE.type(1), nations, allocator),
            VectorValues.vectorOf("name", ROW_TYPE.type(2), names, allocator),
            VectorValues.vectorOf("price", ROW_TYPE.type(3), prices, allocator),
            VectorValues.vectorOf("ratio", ROW_TYPE.type(4), ratios, allocator),
            VectorValues.vectorOf("tags", ROW_TYPE.type(5), tags, allocator)), count)) {
      writer.write(rows);
      return writer.finish();
    }
  }
}
