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
  INTERVAL_DAY_TIME,
  /** ListVector: a variable-length list of values of the type's element type. */
  ARRAY,
  /** StructVector: named fields, each of its own type. */
  ROW;

  public boolean isInteger() {
    return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
  }

  public boolean isNumeric() {
    return isInteger() || this == REAL || this == DOUBLE || this == DECIMAL;
  }

  /** Whether values of this kind are made of component values (ARRAY elements, ROW fields). */
  public boolean isNested() {
    return this == ARRAY || this == ROW;
  }

  public boolean isInterval() {
    return this == INTERVAL_YEAR_MONTH || this == INTERVAL_DAY_TIME;
  }
}
