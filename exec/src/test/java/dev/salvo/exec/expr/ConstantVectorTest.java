package dev.salvo.exec.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** A projected literal fills every row of its vector with the same value, whatever the type. */
class ConstantVectorTest extends ExpressionTestSupport {
  /** Not a power of two, and more than one byte of validity bits. */
  private static final int ROWS = 1001;

  private void assertFilled(DataType type, Object value) {
    try (Batch input = rows(ROWS)) {
      assertEquals(Collections.nCopies(ROWS, value), evaluate(literal(value, type), input),
          type + " " + value);
    }
  }

  @Test
  void everyRowHoldsTheValue() {
    assertFilled(DataType.INTEGER, 7L);
    assertFilled(DataType.BIGINT, -3_000_000_000L);
    assertFilled(DataType.DOUBLE, 2.5);
    assertFilled(DataType.decimal(15, 2), new BigDecimal("1234.56"));
    assertFilled(DataType.decimal(38, 2), new BigDecimal("-123456789012345678901234567.89"));
    assertFilled(DataType.BOOLEAN, true);
    assertFilled(DataType.BOOLEAN, false);
    assertFilled(DataType.DATE, LocalDate.of(1995, 3, 15));
    assertFilled(DataType.VARCHAR, "SAUDI ARABIA");
    assertFilled(DataType.VARCHAR, "");
    assertFilled(DataType.VARCHAR, null);
  }

  @Test
  void anEmptyBatchGetsAnEmptyVector() {
    try (Batch input = rows(0)) {
      assertEquals(Collections.emptyList(), evaluate(literal("x", DataType.VARCHAR), input));
    }
  }
}
