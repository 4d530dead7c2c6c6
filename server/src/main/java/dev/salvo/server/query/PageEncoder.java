package dev.salvo.server.query;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.util.List;

/**
 * Turns the batches of one result page into the bytes a client receives (the HTTP API encodes
 * them as a JSON array of rows). Pages are encoded once, when they are cut, so that their Arrow
 * memory is released at once while the encoded page is kept for a client that asks again.
 */
@FunctionalInterface
public interface PageEncoder {
  /** Encodes {@code batches} (which the caller still owns and closes). */
  byte[] encode(RowType rowType, List<Batch> batches) throws IOException;
}
