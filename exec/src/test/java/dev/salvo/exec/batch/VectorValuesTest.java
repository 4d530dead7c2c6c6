package dev.salvo.exec.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VectorValuesTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close(); // fails the test if any buffer leaked
  }

  private void assertRoundTrip(DataType type, Object... values) {
    List<Object> expected = Arrays.asList(values);
    try (FieldVector vector = VectorValues.vectorOf("c", type, expected, allocator)) {
      assertEquals(expected.size(), vector.getValueCount());
      for (int i = 0; i < expected.size(); i++) {
        Object actual = VectorValues.get(vector, i);
        if (expected.get(i) instanceof byte[] bytes) {
          assertArrayEquals(bytes, (byte[]) actual);
        } else {
          assertEquals(expected.get(i), actual, type + " row " + i);
        }
      }
    }
  }

  @Test
  void everyKindRoundTripsThroughItsVector() {
    assertRoundTrip(DataType.BOOLEAN, true, null, false);
    assertRoundTrip(DataType.TINYINT, 1L, -128L, null);
    assertRoundTrip(DataType.SMALLINT, 32767L, null);
    assertRoundTrip(DataType.INTEGER, Long.valueOf(Integer.MIN_VALUE), null, 7L);
    assertRoundTrip(DataType.BIGINT, Long.MAX_VALUE, null);
    assertRoundTrip(DataType.DOUBLE, 1.5, null, -0.25);
    assertRoundTrip(DataType.decimal(15, 2), new BigDecimal("12345.67"), null,
        new BigDecimal("-0.01"));
    assertRoundTrip(DataType.VARCHAR, "héllo", "", null);
    assertRoundTrip(DataType.VARBINARY, new byte[] {1, 2}, null);
    assertRoundTrip(DataType.DATE, LocalDate.of(1998, 12, 1), LocalDate.of(1969, 7, 20), null);
    assertRoundTrip(DataType.TIME, LocalTime.of(23, 59, 58, 123_000_000), null);
    assertRoundTrip(DataType.TIMESTAMP, LocalDateTime.of(1960, 1, 1, 0, 0, 0, 5_000), null);
    assertRoundTrip(DataType.INTERVAL_YEAR_MONTH, 14L, null);
    assertRoundTrip(DataType.INTERVAL_DAY_TIME, 86_400_000L, null);
  }

  @Test
  void decimalValuesAreRescaledToTheColumnScale() {
    try (FieldVector vector = VectorValues.vectorOf("c", DataType.decimal(10, 2),
        List.of(new BigDecimal("1.5")), allocator)) {
      assertEquals(new BigDecimal("1.50"), VectorValues.get(vector, 0));
    }
  }

  @Test
  void arraysRoundTripWithNullElementsAndEmptyArrays() {
    DataType integers = DataType.array(DataType.INTEGER);
    assertRoundTrip(integers, List.of(1L, 2L, 3L), null, List.of(), Arrays.asList(4L, null));
    assertRoundTrip(DataType.array(DataType.array(DataType.VARCHAR)),
        List.of(List.of("a", "b"), List.of()), Arrays.asList(null, List.of("c")));
  }

  @Test
  void rowsRoundTripAsTheirFieldValues() {
    DataType row = DataType.row(List.of(new Column("a", DataType.INTEGER),
        new Column("b", DataType.VARCHAR), new Column("c", DataType.array(DataType.BIGINT))));
    assertRoundTrip(row, List.of(1L, "x", List.of(7L)), null, Arrays.asList(null, null, null),
        Arrays.asList(2L, "y", null));
  }

  @Test
  void nestedTypesMapOntoArrowListAndStructFields() {
    DataType row = DataType.row(List.of(new Column("a", DataType.INTEGER),
        new Column("tags", DataType.array(DataType.VARCHAR))));
    Field field = row.toField("r");
    assertEquals(ArrowType.Struct.INSTANCE, field.getType());
    assertEquals(List.of("a", "tags"),
        field.getChildren().stream().map(Field::getName).toList());
    Field tags = field.getChildren().get(1);
    assertEquals(ArrowType.List.INSTANCE, tags.getType());
    assertEquals(ArrowType.Utf8.INSTANCE, tags.getChildren().get(0).getType());
    assertEquals("ROW(a INTEGER, tags VARCHAR ARRAY)", row.sqlName());
  }

  @Test
  void aRowOfTheWrongWidthIsATypeError() {
    DataType row = DataType.row(List.of(new Column("a", DataType.INTEGER)));
    SalvoException error = assertThrows(SalvoException.class,
        () -> VectorValues.vectorOf("r", row, List.of(List.of(1L, 2L)), allocator).close());
    assertEquals(ErrorCode.TYPE_MISMATCH, error.code());
  }
}
