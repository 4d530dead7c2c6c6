package dev.salvo.exec.type;

/** The SQL types the executor understands, each backed by one Arrow vector class. */
public enum TypeKind {
  /** The type of a bare NULL literal; Arrow NullVector. */
  NULL,
  /** BitVector. */
  BOOLEAN,
  /** TinyIntVector. */
  TINYINT,
  /** SmallIntVector. */
  SMALLINT,
  /** IntVector. */
  INTEGER,
  /** BigIntVector. */
  BIGINT,
  /** Float4Vector. */
  REAL,
  /** Float8Vector. */
  DOUBLE,
  /** DecimalVector (128-bit) with the type's precision and scale. */
  DECIMAL,
  /** VarCharVector (UTF-8). */
  VARCHAR,
  /** VarBinaryVector. */
  VARBINARY,
  /** DateDayVector: days since 1970-01-01. */
  DATE,
  /** TimeMilliVector: milliseconds since midnight. */
  TIME,
  /** TimeStampMicroVector without time zone: microseconds since the epoch. */
  TIMESTAMP,
  /** IntervalYearVector: a number of months. */
  INTERVAL_YEAR_MONTH,
  /** DurationVector (milliseconds): a number of milliseconds. */
  INTERVAL_DAY_TIME;

  public boolean isInteger() {
    return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
  }

  public boolean isNumeric() {
    return isInteger() || this == REAL || this == DOUBLE || this == DECIMAL;
  }

  public boolean isInterval() {
    return this == INTERVAL_YEAR_MONTH || this == INTERVAL_DAY_TIME;
  }
}
