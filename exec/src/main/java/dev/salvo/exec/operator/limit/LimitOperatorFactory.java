package dev.salvo.exec.operator.limit;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Creates the per-driver operators of one OFFSET/FETCH. The counts are shared by every driver
 * of the pipeline, so the limit applies to the whole stream, and once all rows are out every
 * driver stops reading its source.
 */
public final class LimitOperatorFactory implements OperatorFactory {
  private final Object lock = new Object();
  private long offsetLeft;
  /** Rows still to pass; negative means unlimited. */
  private long fetchLeft;

  /** {@code fetch} -1 means no limit. */
  public LimitOperatorFactory(long offset, long fetch) {
    this.offsetLeft = Math.max(0, offset);
    this.fetchLeft = fetch;
  }

  @Override
  public Operator create(QueryContext context) {
    return new LimitOperator();
  }

  /** Claims {@code rows} rows: returns {skip, take} for this batch. */
  private long[] claim(int rows) {
    synchronized (lock) {
      long skip = Math.min(offsetLeft, rows);
      offsetLeft -= skip;
      long take = rows - skip;
      if (fetchLeft >= 0) {
        take = Math.min(take, fetchLeft);
        fetchLeft -= take;
      }
      return new long[] {skip, take};
    }
  }

  private boolean allRowsOut() {
    synchronized (lock) {
      return fetchLeft == 0;
    }
  }

  /** Passes the slice of each batch that the shared counts assign to it. */
  private final class LimitOperator implements Operator {
    @Override
    public void process(Batch input, BatchCollector output) {
      long[] claimed = claim(input.rowCount());
      int skip = (int) claimed[0];
      int take = (int) claimed[1];
      if (skip == 0 && take == input.rowCount()) {
        output.accept(input);
        return;
      }
      Batch result;
      try (input) {
        if (take == 0) {
          return;
        }
        result = slice(input, skip, take);
      }
      output.accept(result);
    }

    @Override
    public boolean isFinished() {
      return allRowsOut();
    }
  }

  /** Rows {@code [start, start + length)} of {@code input} in a new batch; the input stays open. */
  private static Batch slice(Batch input, int start, int length) {
    List<FieldVector> sliced = new ArrayList<>();
    try {
      for (FieldVector vector : input.columns()) {
        TransferPair transfer = vector.getTransferPair(vector.getAllocator());
        transfer.splitAndTransfer(start, length);
        sliced.add((FieldVector) transfer.getTo());
      }
      return Batch.of(sliced, length);
    } catch (RuntimeException e) {
      sliced.forEach(FieldVector::close);
      throw e;
    }
  }
}
