package dev.salvo.udf.runtime;

/** Turns the executor's Java form of a value (Long, Double...) into a UDF parameter's class. */
final class JavaValues {
  private JavaValues() {}

  static Object convert(Object value, Class<?> parameter) {
    if (value == null || parameter.isInstance(value)) {
      return value;
    }
    if (value instanceof Number number) {
      if (parameter == int.class || parameter == Integer.class) {
        return number.intValue();
      } else if (parameter == long.class || parameter == Long.class) {
        return number.longValue();
      } else if (parameter == short.class || parameter == Short.class) {
        return number.shortValue();
      } else if (parameter == byte.class || parameter == Byte.class) {
        return number.byteValue();
      } else if (parameter == double.class || parameter == Double.class) {
        return number.doubleValue();
      } else if (parameter == float.class || parameter == Float.class) {
        return number.floatValue();
      } else if (parameter == java.time.Period.class) {
        return java.time.Period.ofMonths(number.intValue());
      } else if (parameter == java.time.Duration.class) {
        return java.time.Duration.ofMillis(number.longValue());
      }
    }
    if (value instanceof Boolean && parameter == boolean.class) {
      return value;
    }
    return value;
  }
}
