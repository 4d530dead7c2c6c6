package dev.salvo.sql.script;

/** How a query's rows are ordered before comparison, as in sqllogictest. */
enum SortMode {
  /** Compare rows in the order the engine returned them (the query has an ORDER BY). */
  NOSORT,
  /** Sort whole rows first, for queries whose row order is unspecified. */
  ROWSORT,
  /** Sort all values individually, ignoring row boundaries. */
  VALUESORT
}
