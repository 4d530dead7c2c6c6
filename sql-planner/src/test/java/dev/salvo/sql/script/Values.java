package dev.salvo.sql.script;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One normal form for the values both engines return, and their text in scripts.
 *
 * <p>Normal form: null, Boolean, Long (every integer type), BigDecimal (DECIMAL), Double (REAL
 * and DOUBLE), String, LocalDate, LocalTime, LocalDateTime, byte[], and a List of normal forms
 * for an ARRAY or a ROW (DuckDB's LIST and STRUCT). Text form: {@code NULL},
 * {@code true}/{@code false}, DECIMAL as a plain string keeping its scale ({@code 1.50}), dates
 * and times in ISO form with a space before the time (fraction only when not zero),
 * {@code (empty)} for an empty string, {@code [a, b]} for an ARRAY or a ROW.
 */
final class Values {
  /** Relative tolerance for approximate (DOUBLE) values. */
  static final double RELATIVE_TOLERANCE = 1e-9;

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MICROSECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /** Orders values for rowsort and valuesort: NULL first, numbers by value, the rest by text. */
  static final Comparator<Object> ORDER = Values::compare;

  private Values() {}

  /** Brings a value from Salvo or from DuckDB's JDBC driver into normal form. */
  static Object normalize(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Long
        || value instanceof BigDecimal || value instanceof Double || value instanceof String
        || value instanceof byte[]) {
      return value;
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValueExact() : new BigDecimal(big);
    } else if (value instanceof Float f) {
      return f.doubleValue();
    } else if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    } else if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    } else if (value instanceof java.sql.Time time) {
      return time.toLocalTime();
    } else if (value instanceof Blob blob) {
      try {
        return blob.getBytes(1, (int) blob.length());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    } else if (value instanceof java.time.temporal.Temporal) {
      return value;
    } else if (value instanceof List<?> components) {
      return components.stream().map(Values::normalize).toList();
    } else if (value instanceof java.sql.Array array) {
      try {
        return normalize(Arrays.asList((Object[]) array.getArray()));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    } else if (value instanceof java.sql.Struct struct) {
      try {
        return normalize(Arrays.asList(struct.getAttributes()));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return value.toString();
  }

  /** The text a script uses for {@code value} (in normal form). */
  static String format(Object value) {
    if (value == null) {
      return "NULL";
    } else if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    } else if (value instanceof String string) {
      return string.isEmpty() ? "(empty)" : string;
    } else if (value instanceof LocalDateTime timestamp) {
      return timestamp.format(timestamp.getNano() == 0 ? SECONDS : MICROSECONDS);
    } else if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    } else if (value instanceof List<?> components) {
      return components.stream().map(Values::format)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return value.toString();
  }

  /** Whether {@code value} is approximate, so that it matches within a tolerance. */
  static boolean isApproximate(Object value) {
    return value instanceof Double;
  }

  /**
   * Whether a script's expected text matches an actual value: same text, or, for an approximate
   * actual value, a number within {@link #RELATIVE_TOLERANCE}.
   */
  static boolean matchesText(String expected, Object actual) {
    if (format(actual).equals(expected)) {
      return true;
    }
    if (isApproximate(actual)) {
      Double expectedNumber = parseDouble(expected);
      return expectedNumber != null && closeEnough(expectedNumber, (Double) actual, 0);
    }
    return false;
  }

  /**
   * Whether DuckDB's value matches Salvo's. Exact numbers compare by value whatever their scale
   * or type ({@code 1.5 = 1.50 = 1.500}), because the two engines legitimately derive different
   * DECIMAL scales (and BIGINT vs HUGEINT) for the same expression. When one side is a DOUBLE,
   * the two match within the relative tolerance or, against a DECIMAL with scale s, within one
   * unit of its last digit (10^-s), since engines differ in whether e.g. AVG of a DECIMAL
   * returns a rounded DECIMAL or a DOUBLE. Everything else compares by its text.
   */
  static boolean matchesValue(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Number expectedNumber && actual instanceof Number actualNumber) {
      if (!isApproximate(expected) && !isApproximate(actual)) {
        return exact(expectedNumber).compareTo(exact(actualNumber)) == 0;
      }
      double absoluteTolerance = 0;
      if (expected instanceof BigDecimal decimal) {
        absoluteTolerance = Math.pow(10, -decimal.scale());
      } else if (actual instanceof BigDecimal decimal) {
        absoluteTolerance = Math.pow(10, -decimal.scale());
      }
      return closeEnough(expectedNumber.doubleValue(), actualNumber.doubleValue(),
          absoluteTolerance);
    }
    return format(expected).equals(format(actual));
  }

  private static boolean closeEnough(double expected, double actual, double absoluteTolerance) {
    if (Double.compare(expected, actual) == 0) {
      return true; // also NaN and infinities
    }
    double difference = Math.abs(expected - actual);
    return difference <= absoluteTolerance
        || difference <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
  }

  private static BigDecimal exact(Number number) {
    return number instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(number.longValue());
  }

  private static Double parseDouble(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int compare(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    if (left instanceof Number leftNumber && right instanceof Number rightNumber) {
      if (isApproximate(left) || isApproximate(right)) {
        return Double.compare(leftNumber.doubleValue(), rightNumber.doubleValue());
      }
      return exact(leftNumber).compareTo(exact(rightNumber));
    }
    return format(left).compareTo(format(right));
  }
}
