package dev.salvo.udf.runtime;

/** How a UDF method is called, read from its Java signature. */
public enum UdfShape {
  /** A plain method called once per row ({@code @daft.func}). */
  ROW,
  /** A method returning {@code CompletableFuture} per row, many rows in flight ({@code async def}). */
  ASYNC,
  /** A method over the argument vectors of a whole batch, returning a vector ({@code @daft.func.batch}). */
  BATCH
}
