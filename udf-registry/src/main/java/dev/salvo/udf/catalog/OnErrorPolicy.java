package dev.salvo.udf.catalog;

/** What a row whose UDF call still fails after its retries becomes (Daft's {@code on_error}). */
public enum OnErrorPolicy {
  /** The query fails with an error naming the function, the row and the cause. */
  RAISE,
  /** The row's result is NULL and the failure is recorded in the queryable error log. */
  LOG,
  /** The row's result is NULL, silently. */
  IGNORE
}
