package dev.salvo.exec.operator.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Filtering keeps exactly the TRUE rows, values and nulls alike, in every vector layout. */
class RowFilterTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void keepsTrueRowsOfEveryWidthWithTheirNulls() {
    int rows = 37;
    List<Object> longs = new ArrayList<>();
    List<Object> ints = new ArrayList<>();
    List<Object> shorts = new ArrayList<>();
    List<Object> bytes = new ArrayList<>();
    List<Object> decimals = new ArrayList<>();
    List<Object> dates = new ArrayList<>();
    List<Object> booleans = new ArrayList<>();
    List<Object> strings = new ArrayList<>();
    List<Object> longsWithoutNulls = new ArrayList<>();
    List<Object> stringsWithoutNulls = new ArrayList<>();
    List<Object> mask = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      boolean isNull = row % 5 == 0;
      longs.add(isNull ? null : row * 1_000_000_007L);
      ints.add(isNull ? null : -row);
      shorts.add(isNull ? null : (short) (row * 3));
      bytes.add(isNull ? null : (byte) row);
      decimals.add(isNull ? null : BigDecimal.valueOf(row * 12345L - 7, 2));
      dates.add(isNull ? null : LocalDate.of(2024, 1, 1).plusDays(row));
      booleans.add(isNull ? null : row % 2 == 0);
      strings.add(isNull ? null : row % 4 == 1 ? "" : "s" + row);
      longsWithoutNulls.add(row * 31L);
      stringsWithoutNulls.add("value " + row);
      // TRUE, FALSE and NULL conditions, all three dropping or keeping rows of both kinds, and
      // a run of consecutive rows kept (copied in one piece).
      mask.add(row >= 21 && row < 33 || row % 3 == 0 ? Boolean.TRUE : row % 3 == 1 ? Boolean.FALSE : row % 7 == 0 ? null
          : Boolean.TRUE);
    }
    List<List<Object>> columns = List.of(longs, ints, shorts, bytes, decimals, dates, booleans,
        strings, longsWithoutNulls, stringsWithoutNulls);
    List<DataType> types = List.of(DataType.BIGINT, DataType.INTEGER, DataType.SMALLINT,
        DataType.TINYINT, DataType.decimal(20, 2), DataType.DATE, DataType.BOOLEAN,
        DataType.VARCHAR, DataType.BIGINT, DataType.VARCHAR);
    List<FieldVector> vectors = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      vectors.add(VectorValues.vectorOf("c" + i, types.get(i), columns.get(i), allocator));
    }
    try (FieldVector condition = VectorValues.vectorOf("m", DataType.BOOLEAN, mask, allocator);
        Batch result = RowFilter.apply(Batch.of(vectors, rows), condition, allocator)) {
      List<Integer> kept = new ArrayList<>();
      for (int row = 0; row < rows; row++) {
        if (Boolean.TRUE.equals(mask.get(row))) {
          kept.add(row);
        }
      }
      assertEquals(kept.size(), result.rowCount());
      for (int column = 0; column < columns.size(); column++) {
        List<Object> expected = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        int expectedNulls = 0;
        for (int i = 0; i < kept.size(); i++) {
          // Compared as text: the reader widens small integers to long.
          Object value = columns.get(column).get(kept.get(i));
          expected.add(String.valueOf(value));
          actual.add(String.valueOf(VectorValues.get(result.column(column), i)));
          expectedNulls += value == null ? 1 : 0;
        }
        assertEquals(expected, actual, "column " + column + " " + types.get(column));
        assertEquals(expectedNulls, result.column(column).getNullCount(), "nulls of " + column);
        assertEquals(kept.size(), result.column(column).getValueCount());
      }
    }
  }

  @Test
  void allRowsPassingKeepTheBatchAndNoneGiveNull() {
    FieldVector values = VectorValues.vectorOf("v", DataType.BIGINT, Arrays.asList(1L, 2L),
        allocator);
    Batch input = Batch.of(List.of(values), 2);
    try (FieldVector all = VectorValues.vectorOf("m", DataType.BOOLEAN,
            Arrays.asList(true, true), allocator);
        Batch same = RowFilter.apply(input, all, allocator)) {
      assertSame(input, same);
    }
    FieldVector more = VectorValues.vectorOf("v", DataType.BIGINT, Arrays.asList(1L, 2L),
        allocator);
    try (FieldVector none = VectorValues.vectorOf("m", DataType.BOOLEAN,
        Arrays.asList(false, null), allocator)) {
      assertNull(RowFilter.apply(Batch.of(List.of(more), 2), none, allocator));
    }
  }

  @Test
  void columnsNothingReadsAfterTheFilterAreNotCopied() {
    Batch input = Batch.of(List.of(
        VectorValues.vectorOf("id", DataType.BIGINT, Arrays.asList(1L, 2L, 3L), allocator),
        VectorValues.vectorOf("mode", DataType.VARCHAR, Arrays.asList("AIR", "RAIL", "AIR"),
            allocator)), 3);
    try (FieldVector condition = VectorValues.vectorOf("m", DataType.BOOLEAN,
            Arrays.asList(true, false, true), allocator);
        Batch kept = RowFilter.apply(input, condition, java.util.BitSet.valueOf(new long[] {1}),
            allocator)) {
      assertEquals(2, kept.rowCount());
      assertEquals(Arrays.asList(1L, 3L), Arrays.asList(VectorValues.get(kept.column(0), 0),
          VectorValues.get(kept.column(0), 1)));
      assertTrue(kept.column(1) instanceof org.apache.arrow.vector.NullVector,
          "a placeholder for the column only the filter read");
      assertEquals(2, kept.column(1).getValueCount());
    }
  }
}
