package dev.salvo.server.http;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.util.List;

/**
 * Writes a whole result in one format, batch by batch, without holding more than the batch at
 * hand. Batches stay owned by the caller.
 */
interface ResultWriter {
  /** Writes what comes before the rows: the columns. */
  void begin(RowType rowType, Batch firstBatch) throws IOException;

  /** Writes the rows of {@code batch}. */
  void write(Batch batch) throws IOException;

  /**
   * Whether an error that arrives after rows were sent can be told in the result itself. When
   * not, the response is cut off instead, so that the client sees an incomplete transfer rather
   * than a result that looks whole.
   */
  default boolean reportsLateErrors() {
    return false;
  }

  /**
   * Ends the result and flushes it. {@code failure} (or null) is an error that arrived after
   * rows were sent, for a writer that {@link #reportsLateErrors()}.
   */
  void end(SalvoException failure) throws IOException;

  /**
   * Notes about the statement (such as hints it ignored), called before {@link #end}; formats
   * without room for them drop them.
   */
  default void warnings(List<String> warnings) {}

  /** Sends what is buffered so far. */
  void flush() throws IOException;
}
