package dev.salvo.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether two engines gave the same answer. Engines differ in types (an average is a
 * DOUBLE in one and a DECIMAL in another, a date a {@code java.sql.Date} or a {@code LocalDate})
 * and in the order of rows that tie on ORDER BY, so values are normalized and rows sorted first.
 */
public final class AnswerComparison {
  /** Relative difference two numbers may have and still be the same answer. */
  static final double RELATIVE_TOLERANCE = 1e-6;
  /** Absolute difference allowed for numbers near zero (money has two decimals). */
  static final double ABSOLUTE_TOLERANCE = 0.005;

  private AnswerComparison() {}

  /** Null when {@code actual} answers like {@code expected}, else the first difference. */
  public static String difference(List<List<Object>> expected, List<List<Object>> actual) {
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " rows, got " + actual.size();
    }
    List<List<Object>> left = sorted(expected);
    List<List<Object>> right = sorted(actual);
    for (int row = 0; row < left.size(); row++) {
      List<Object> expectedRow = left.get(row);
      List<Object> actualRow = right.get(row);
      if (expectedRow.size() != actualRow.size()) {
        return "row " + (row + 1) + ": expected " + expectedRow.size() + " columns, got "
            + actualRow.size();
      }
      for (int column = 0; column < expectedRow.size(); column++) {
        if (!same(expectedRow.get(column), actualRow.get(column))) {
          return "row " + (row + 1) + ", column " + (column + 1) + ": expected "
              + expectedRow.get(column) + ", got " + actualRow.get(column);
        }
      }
    }
    return null;
  }

  static boolean same(Object expected, Object actual) {
    Object left = normalize(expected);
    Object right = normalize(actual);
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      double difference = Math.abs(a.subtract(b).doubleValue());
      double magnitude = Math.max(Math.abs(a.doubleValue()), Math.abs(b.doubleValue()));
      // An engine may keep an average of DECIMAL(15,2) at scale 2 (Calcite truncates it):
      // a difference of one unit in the coarser value's last digit is the same answer.
      int coarserScale = Math.min(a.scale(), b.scale());
      double lastDigit = coarserScale >= 0 && coarserScale < 10 ? Math.pow(10, -coarserScale) : 0;
      return difference <= ABSOLUTE_TOLERANCE || difference <= magnitude * RELATIVE_TOLERANCE
          || difference <= lastDigit * 1.000001;
    }
    return left.equals(right);
  }

  /** Numbers as BigDecimal, dates as LocalDate, text without CHAR padding. */
  static Object normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof LocalDate) {
      return value;
    }
    return value.toString().stripTrailing();
  }

  /** A sort key that ties rows differing only in the last digits of a computed number. */
  private static String sortKey(List<Object> row) {
    List<String> parts = new ArrayList<>(row.size());
    for (Object value : row) {
      Object normalized = normalize(value);
      parts.add(normalized instanceof BigDecimal decimal
          ? decimal.setScale(0, RoundingMode.HALF_UP).toPlainString()
          : String.valueOf(normalized));
    }
    return String.join("|", parts);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(Comparator.comparing(AnswerComparison::sortKey)).toList();
  }
}
