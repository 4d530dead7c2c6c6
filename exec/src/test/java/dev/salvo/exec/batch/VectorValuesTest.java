package dev.salvo.exec.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
