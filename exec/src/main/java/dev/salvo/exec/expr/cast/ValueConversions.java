package dev.salvo.exec.expr.cast;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Operations;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CAST on single Java values (see {@link DataType} for each kind's Java form): the reference
 * semantics that the vectorized cast kernels follow, also used for constants at compile time.
 */
public final class ValueConversions {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
  private static final Pattern DOUBLE_TEXT = Pattern.compile(
      "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final String DATE_PATTERN = "(-?\\d{1,4})-(\\d{1,2})-(\\d{1,2})";
  private static final String TIME_PATTERN = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?";
  private static final Pattern DATE_TEXT = Pattern.compile(DATE_PATTERN);
  private static final Pattern TIME_TEXT = Pattern.compile(TIME_PATTERN);
  private static final Pattern TIMESTAMP_TEXT = Pattern.compile(
      DATE_PATTERN + "(?:[ T]" + TIME_PATTERN + ")?");
  private static final double LONG_LIMIT = 0x1p63;

  private ValueConversions() {}

  /** Whether CAST from one kind to the other is supported. */
  public static boolean isSupported(DataType from, DataType to) {
    TypeKind source = from.kind();
    TypeKind target = to.kind();
    if (source == TypeKind.ARRAY && target == TypeKind.ARRAY) {
      return isSupported(from.elementType(), to.elementType());
    }
    if (source == TypeKind.ROW && target == TypeKind.ROW) {
      if (from.fields().size() != to.fields().size()) {
        return false;
      }
      for (int index = 0; index < from.fields().size(); index++) {
        if (!isSupported(from.fields().get(index).type(), to.fields().get(index).type())) {
          return false;
        }
      }
      return true;
    }
    if (target.isNested()) {
      return source == TypeKind.NULL;
    }
    if (source == TypeKind.NULL || source == target || target == TypeKind.VARCHAR) {
      return true;
    }
    boolean sourceNumeric = source.isNumeric() || source == TypeKind.BOOLEAN;
    return switch (target) {
      case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, BOOLEAN ->
          sourceNumeric || source == TypeKind.VARCHAR;
      case DATE -> source == TypeKind.VARCHAR || source == TypeKind.TIMESTAMP;
      case TIME -> source == TypeKind.VARCHAR || source == TypeKind.TIMESTAMP;
      case TIMESTAMP -> source == TypeKind.VARCHAR || source == TypeKind.DATE;
      case VARBINARY -> source == TypeKind.VARCHAR;
      case INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> source.isInteger();
      default -> false;
    };
  }

  /** CAST of {@code value} (of type {@code from}) to {@code to}; null stays null. */
  public static Object convert(Object value, DataType from, DataType to) {
    if (value == null || to.kind() == TypeKind.NULL) {
      return null;
    }
    return switch (to.kind()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> toInteger(value, from, to);
      case REAL, DOUBLE -> toDouble(value, from, to);
      case DECIMAL -> toDecimal(value, from, to);
      case BOOLEAN -> toBoolean(value, from, to);
      case VARCHAR -> truncate(toText(value, from), to);
      case VARBINARY -> value instanceof byte[] ? value
          : value.toString().getBytes(StandardCharsets.UTF_8);
      case DATE -> toDate(value, from, to);
      case TIME -> toTime(value, from, to);
      case TIMESTAMP -> toTimestamp(value, from, to);
      case INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> {
        if (value instanceof Long) {
          yield value;
        }
        throw unsupported(from, to);
      }
      case ARRAY, ROW -> {
        if (!isSupported(from, to)) {
          throw unsupported(from, to);
        }
        List<?> components = (List<?>) value;
        List<Object> converted = new ArrayList<>(components.size());
        for (int index = 0; index < components.size(); index++) {
          converted.add(convert(components.get(index), componentType(from, index),
              componentType(to, index)));
        }
        yield converted;
      }
      default -> throw unsupported(from, to);
    };
  }

  /** The type of an ARRAY's elements, or of a ROW's field at {@code index}. */
  private static DataType componentType(DataType type, int index) {
    return type.kind() == TypeKind.ARRAY ? type.elementType() : type.fields().get(index).type();
  }

  /**
   * The text of an ARRAY ({@code [1, 2, NULL]}) or a ROW ({@code {a: 1, b: x}}): components
   * as they would cast to VARCHAR, NULL as the word.
   */
  private static String nestedText(List<?> components, DataType type) {
    StringBuilder text = new StringBuilder(type.kind() == TypeKind.ARRAY ? "[" : "{");
    for (int index = 0; index < components.size(); index++) {
      if (index > 0) {
        text.append(", ");
      }
      if (type.kind() == TypeKind.ROW) {
        text.append(type.fields().get(index).name()).append(": ");
      }
      Object component = components.get(index);
      text.append(component == null ? "NULL" : toText(component, componentType(type, index)));
    }
    return text.append(type.kind() == TypeKind.ARRAY ? "]" : "}").toString();
  }

  private static Object toInteger(Object value, DataType from, DataType to) {
    long result;
    if (value instanceof Long number) {
      result = number;
    } else if (value instanceof Boolean bool) {
      result = bool ? 1 : 0;
    } else if (value instanceof Double number) {
      result = doubleToLong(number, from, to);
    } else if (value instanceof BigDecimal decimal) {
      BigDecimal rounded = decimal.setScale(0, RoundingMode.HALF_UP);
      if (rounded.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
          || rounded.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        throw outOfRange(value, from, to);
      }
      result = rounded.longValueExact();
    } else if (value instanceof String text) {
      String trimmed = text.trim();
      if (!INTEGER_TEXT.matcher(trimmed).matches()) {
        throw invalid(value, from, to);
      }
      BigInteger parsed = new BigInteger(trimmed);
      if (parsed.bitLength() >= 64) {
        throw outOfRange(value, from, to);
      }
      result = parsed.longValue();
    } else {
      throw unsupported(from, to);
    }
    return checkRange(result, value, from, to);
  }

  /** Checks that a long fits an integer kind. */
  static long checkRange(long result, Object original, DataType from, DataType to) {
    if (result < Vectors.minValue(to.kind()) || result > Vectors.maxValue(to.kind())) {
      throw outOfRange(original, from, to);
    }
    return result;
  }

  /** Rounds half away from zero to a long. */
  static long doubleToLong(double value, DataType from, DataType to) {
    if (Double.isNaN(value) || value >= LONG_LIMIT || value < -LONG_LIMIT) {
      throw outOfRange(value, from, to);
    }
    double magnitude = Math.abs(value);
    double floor = Math.floor(magnitude);
    long rounded = (long) floor + (magnitude - floor >= 0.5 ? 1 : 0);
    if (rounded < 0) {
      throw outOfRange(value, from, to); // 2^63 - 0.5 rounded up past the long range
    }
    return value < 0 ? -rounded : rounded;
  }

  private static Object toDouble(Object value, DataType from, DataType to) {
    double result;
    if (value instanceof Number number) {
      result = number.doubleValue();
    } else if (value instanceof Boolean bool) {
      result = bool ? 1 : 0;
    } else if (value instanceof String text) {
      result = parseDouble(text, from, to);
    } else {
      throw unsupported(from, to);
    }
    return to.kind() == TypeKind.REAL ? (double) (float) result : result;
  }

  private static double parseDouble(String text, DataType from, DataType to) {
    String trimmed = text.trim();
    if (DOUBLE_TEXT.matcher(trimmed).matches()) {
      return Double.parseDouble(trimmed);
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "nan" -> Double.NaN;
      case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
      default -> throw invalid(text, from, to);
    };
  }

  private static Object toDecimal(Object value, DataType from, DataType to) {
    BigDecimal decimal;
    if (value instanceof Long number) {
      decimal = BigDecimal.valueOf(number);
    } else if (value instanceof Boolean bool) {
      decimal = bool ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        throw outOfRange(value, from, to);
      }
      decimal = BigDecimal.valueOf(number); // the shortest decimal that reads back as the double
    } else if (value instanceof BigDecimal number) {
      decimal = number;
    } else if (value instanceof String text) {
      try {
        decimal = new BigDecimal(text.trim());
      } catch (NumberFormatException e) {
        throw invalid(value, from, to);
      }
    } else {
      throw unsupported(from, to);
    }
    BigDecimal scaled = decimal.setScale(to.scale(), RoundingMode.HALF_UP);
    if (!Decimals.fits(scaled, to.precision())) {
      throw outOfRange(value, from, to);
    }
    return scaled;
  }

  private static Object toBoolean(Object value, DataType from, DataType to) {
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() != 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    if (value instanceof String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "on", "1" -> true;
        case "false", "f", "no", "n", "off", "0" -> false;
        default -> throw invalid(value, from, to);
      };
    }
    throw unsupported(from, to);
  }

  private static Object toDate(Object value, DataType from, DataType to) {
    if (value instanceof LocalDate) {
      return value;
    }
    if (value instanceof LocalDateTime timestamp) {
      return timestamp.toLocalDate();
    }
    if (value instanceof String text) {
      Matcher matcher = DATE_TEXT.matcher(text.trim());
      if (matcher.matches()) {
        try {
          return parseDate(matcher);
        } catch (DateTimeException e) {
          throw invalid(value, from, to);
        }
      }
      throw invalid(value, from, to);
    }
    throw unsupported(from, to);
  }

  private static Object toTime(Object value, DataType from, DataType to) {
    if (value instanceof LocalTime) {
      return value;
    }
    if (value instanceof LocalDateTime timestamp) {
      return truncateToMillis(timestamp.toLocalTime());
    }
    if (value instanceof String text) {
      Matcher matcher = TIME_TEXT.matcher(text.trim());
      if (matcher.matches()) {
        try {
          return truncateToMillis(parseTime(matcher, 1));
        } catch (DateTimeException e) {
          throw invalid(value, from, to);
        }
      }
      throw invalid(value, from, to);
    }
    throw unsupported(from, to);
  }

  private static Object toTimestamp(Object value, DataType from, DataType to) {
    if (value instanceof LocalDateTime) {
      return value;
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    if (value instanceof String text) {
      Matcher matcher = TIMESTAMP_TEXT.matcher(text.trim());
      if (matcher.matches()) {
        try {
          LocalDate date = parseDate(matcher);
          LocalTime time = matcher.group(4) == null ? LocalTime.MIDNIGHT : parseTime(matcher, 4);
          return LocalDateTime.of(date, time).withNano(time.getNano() / 1000 * 1000);
        } catch (DateTimeException e) {
          throw invalid(value, from, to);
        }
      }
      throw invalid(value, from, to);
    }
    throw unsupported(from, to);
  }

  private static LocalDate parseDate(Matcher matcher) {
    return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  private static LocalTime parseTime(Matcher matcher, int firstGroup) {
    int hour = Integer.parseInt(matcher.group(firstGroup));
    int minute = Integer.parseInt(matcher.group(firstGroup + 1));
    String seconds = matcher.group(firstGroup + 2);
    String fraction = matcher.group(firstGroup + 3);
    int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    return LocalTime.of(hour, minute, seconds == null ? 0 : Integer.parseInt(seconds), nanos);
  }

  private static LocalTime truncateToMillis(LocalTime time) {
    return time.withNano(time.getNano() / 1_000_000 * 1_000_000);
  }

  /** The text form of a value, as CAST to VARCHAR writes it. */
  public static String toText(Object value, DataType from) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Boolean bool) {
      return bool ? "TRUE" : "FALSE";
    }
    if (value instanceof Double number) {
      return from.kind() == TypeKind.REAL ? formatDouble(Float.toString(number.floatValue()))
          : formatDouble(Double.toString(number));
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof LocalTime time) {
      return String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(),
          time.getSecond()) + fraction(time.getNano());
    }
    if (value instanceof LocalDateTime timestamp) {
      LocalTime time = timestamp.toLocalTime();
      return timestamp.toLocalDate() + " " + toText(time, DataType.TIME);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof List<?> components && from.kind().isNested()) {
      return nestedText(components, from);
    }
    return value.toString();
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String digits = String.format(Locale.ROOT, "%09d", nanos);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }

  /** Java's shortest round-trip digits, with the exponent written as 1.5e+20 / 1e-05. */
  private static String formatDouble(String javaText) {
    int exponent = javaText.indexOf('E');
    if (exponent < 0) {
      return javaText;
    }
    String mantissa = javaText.substring(0, exponent);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int power = Integer.parseInt(javaText.substring(exponent + 1));
    return mantissa + "e" + (power < 0 ? "-" : "+") + (Math.abs(power) < 10 ? "0" : "")
        + Math.abs(power);
  }

  /** An explicit CAST to VARCHAR(n) keeps the first n characters. */
  private static String truncate(String text, DataType to) {
    int maxLength = to.precision();
    if (maxLength <= 0 || text.length() <= maxLength
        || text.codePointCount(0, text.length()) <= maxLength) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxLength));
  }

  static String describe(Object value) {
    if (value instanceof String || value instanceof LocalDate || value instanceof LocalTime
        || value instanceof LocalDateTime) {
      return "'" + value + "'";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return String.valueOf(value);
  }

  static SalvoException invalid(Object value, DataType from, DataType to) {
    return new SalvoException(ErrorCode.INVALID_CAST,
        "Cannot cast " + describe(value) + " to " + to.sqlName() + " (from " + from.sqlName()
            + ")", Operations.cast(from, to));
  }

  static SalvoException outOfRange(Object value, DataType from, DataType to) {
    return new SalvoException(ErrorCode.NUMERIC_OVERFLOW,
        "Cannot cast " + describe(value) + " to " + to.sqlName() + " (from " + from.sqlName()
            + "): value out of range", Operations.cast(from, to));
  }

  static SalvoException unsupported(DataType from, DataType to) {
    // Numbers and booleans have no date or time meaning in SQL: that is a type error, not a
    // conversion Salvo has yet to learn.
    ErrorCode code = isDateTime(from.kind()) && isNumberOrBoolean(to.kind())
        || isNumberOrBoolean(from.kind()) && isDateTime(to.kind())
        ? ErrorCode.TYPE_MISMATCH : ErrorCode.NOT_SUPPORTED;
    return new SalvoException(code, "Cannot cast " + from.sqlName() + " to " + to.sqlName());
  }

  private static boolean isDateTime(TypeKind kind) {
    return kind == TypeKind.DATE || kind == TypeKind.TIME || kind == TypeKind.TIMESTAMP;
  }

  private static boolean isNumberOrBoolean(TypeKind kind) {
    return kind.isNumeric() || kind == TypeKind.BOOLEAN;
  }
}
