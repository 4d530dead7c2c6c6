package dev.salvo.sql;

import dev.salvo.sql.FunctionInfo.Kind;
import java.util.List;

/**
 * The named SQL functions the planner lowers to the executor's built-ins (operators such as
 * {@code +}, {@code LIKE} or {@code CASE} are not listed). Keep it in step with
 * {@code ExpressionLowering} and {@code ExecPlanLowering}: a test runs every example.
 */
final class BuiltInFunctions {
  static final List<FunctionInfo> ALL = List.of(
      scalar("ABS", "ABS(number)", "The absolute value.", "ABS(-2.5)"),
      scalar("CEIL", "CEIL(number)", "The smallest integral value not less than the argument.",
          "CEIL(2.1)"),
      scalar("CHAR_LENGTH", "CHAR_LENGTH(string)", "The number of characters.",
          "CHAR_LENGTH('salvo')"),
      scalar("CHARACTER_LENGTH", "CHARACTER_LENGTH(string)", "Same as CHAR_LENGTH.",
          "CHARACTER_LENGTH('salvo')"),
      scalar("COALESCE", "COALESCE(value, value, ...)", "The first argument that is not NULL.",
          "COALESCE(NULL, 1)"),
      scalar("EXTRACT", "EXTRACT(field FROM date_or_timestamp)",
          "YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE or SECOND as a BIGINT.",
          "EXTRACT(YEAR FROM DATE '2024-02-29')"),
      scalar("FLOOR", "FLOOR(number)", "The largest integral value not greater than the argument.",
          "FLOOR(2.9)"),
      scalar("LOWER", "LOWER(string)", "The string in lower case.", "LOWER('Salvo')"),
      scalar("MOD", "MOD(a, b)", "The remainder of a / b (also the % operator).", "MOD(7, 3)"),
      scalar("NULLIF", "NULLIF(a, b)", "NULL when a = b, else a.", "NULLIF(1, 1)"),
      scalar("POSITION", "POSITION(substring IN string)",
          "The 1-based position of substring in string, 0 when absent.",
          "POSITION('l' IN 'salvo')"),
      scalar("REPLACE", "REPLACE(string, search, replacement)",
          "The string with every search replaced.", "REPLACE('salvo', 'o', '0')"),
      scalar("ROUND", "ROUND(number [, scale])", "Rounded half away from zero to scale digits.",
          "ROUND(2.345, 2)"),
      scalar("SUBSTRING", "SUBSTRING(string FROM start [FOR length])",
          "Part of the string, positions counted from 1.", "SUBSTRING('salvo' FROM 2 FOR 3)"),
      scalar("TRIM", "TRIM([BOTH | LEADING | TRAILING] [characters] FROM string)",
          "The string without the characters (spaces by default) at its ends.",
          "TRIM(BOTH 'x' FROM 'xsalvox')"),
      scalar("UPPER", "UPPER(string)", "The string in upper case.", "UPPER('salvo')"),
      aggregate("AVG", "AVG(number)", "The average of the non-NULL values.", "AVG(x)"),
      aggregate("COUNT", "COUNT(*) | COUNT([DISTINCT] value)",
          "The number of rows, or of non-NULL (distinct) values.", "COUNT(*)"),
      aggregate("MAX", "MAX(value)", "The largest non-NULL value.", "MAX(x)"),
      aggregate("MIN", "MIN(value)", "The smallest non-NULL value.", "MIN(x)"),
      aggregate("SUM", "SUM(number)", "The sum of the non-NULL values; NULL over none.",
          "SUM(x)"));

  private BuiltInFunctions() {}

  private static FunctionInfo scalar(String name, String signature, String description,
      String example) {
    return new FunctionInfo(name, Kind.SCALAR, signature, description, example);
  }

  private static FunctionInfo aggregate(String name, String signature, String description,
      String example) {
    return new FunctionInfo(name, Kind.AGGREGATE, signature, description, example);
  }
}
