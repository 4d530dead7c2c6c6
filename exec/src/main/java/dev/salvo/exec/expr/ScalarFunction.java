package dev.salvo.exec.expr;

/**
 * The built-in scalar functions. Argument conventions are part of the contract between the
 * planner's lowering and the evaluator; SQL null semantics apply unless a function says
 * otherwise.
 */
public enum ScalarFunction {
  // Arithmetic on numbers (same argument types after the planner's casts; overflow is an error,
  // DECIMAL is exact). ADD and SUBTRACT also take (DATE, INTERVAL), (TIMESTAMP, INTERVAL) and
  // (INTERVAL, DATE) for ADD.
  ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, NEGATE, ABS,
  /** (number) or (number, scale INTEGER literal): rounds half away from zero. */
  ROUND, FLOOR, CEIL,

  // Comparison: two arguments of comparable types.
  EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
  /** Null-safe: NULL is not distinct from NULL; never returns NULL. */
  IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM,
  /** (value, low, high): low <= value AND value <= high. */
  BETWEEN,
  /** (value, item1, item2, ...): SQL IN-list semantics, NULL when unmatched and any item NULL. */
  IN,

  // Boolean logic, three-valued; AND and OR take two or more arguments.
  AND, OR, NOT,
  /** These never return NULL. */
  IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE,

  // Conditionals.
  /** (when1, then1, when2, then2, ..., else): the else argument is always present. */
  CASE,
  COALESCE,
  /** (a, b): NULL when a = b, else a. */
  NULLIF,
  /** (value): converts to the call's type; a value that does not fit is an error naming it. */
  CAST,

  // Strings.
  /** (value, pattern) or (value, pattern, escape): SQL LIKE with % and _. */
  LIKE,
  /** (value, start) or (value, start, length), 1-based as in SQL. */
  SUBSTRING,
  UPPER, LOWER,
  /** (characters, value): strip characters from both ends, the leading end, the trailing end. */
  TRIM_BOTH, TRIM_LEADING, TRIM_TRAILING,
  CHAR_LENGTH,
  /** (a, b, ...): string concatenation (||); NULL if any argument is NULL. */
  CONCAT,
  /** (substring, value): 1-based position, 0 when absent. */
  POSITION,
  /** (value, search, replacement). */
  REPLACE,

  // Dates and times: one DATE or TIMESTAMP argument, a BIGINT result.
  EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_WEEK, EXTRACT_DAY,
  /** 1 = Sunday .. 7 = Saturday, as in Calcite and the SQL standard's DAYOFWEEK. */
  EXTRACT_DAY_OF_WEEK,
  EXTRACT_DAY_OF_YEAR,
  EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND,

  // Nested values: arguments of the element or field types after the planner's casts.
  /** (element, ...): an ARRAY of the arguments; never NULL itself. */
  ARRAY_VALUE,
  /** (field, ...): a ROW of the arguments in the call type's field order; never NULL itself. */
  ROW_VALUE,
  /** (array, index): the element at the 1-based index; NULL when the index is out of range. */
  ELEMENT_AT,
  /** (row, 0-based field index as an INTEGER literal): the field's value, NULL for a NULL row. */
  FIELD,
  /** (array): the number of elements, an INTEGER. */
  CARDINALITY
}
