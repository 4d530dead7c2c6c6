package dev.salvo.exec.operator.rechunk;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RowCopier;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.runner.QueryContext;

/**
 * Creates the per-driver operators that re-chunk a stream into batches of exactly
 * {@code rows} rows (the last one of a driver may be smaller): small batches are gathered,
 * big ones split, so the operators after it never see more than {@code rows} rows at once.
 */
public final class RechunkOperatorFactory implements OperatorFactory {
  private final int rows;

  public RechunkOperatorFactory(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    this.rows = rows;
  }

  @Override
  public Operator create(QueryContext context) {
    return new RechunkOperator(context);
  }

  /** Copies rows into an output batch and emits it whenever it holds {@code rows} rows. */
  private final class RechunkOperator implements Operator {
    private final QueryContext context;
    private RowCopier pending;

    RechunkOperator(QueryContext context) {
      this.context = context;
    }

    @Override
    public void process(Batch input, BatchCollector output) {
      if (pending == null && input.rowCount() == rows) {
        // Already the right size: hand it on without copying.
        output.accept(input);
        return;
      }
      try (input) {
        int next = 0;
        while (next < input.rowCount()) {
          if (pending == null) {
            pending = new RowCopier(input, rows, context.allocator());
          }
          int take = Math.min(rows - pending.rowCount(), input.rowCount() - next);
          pending.appendRange(input, next, take);
          next += take;
          if (pending.rowCount() == rows) {
            emit(output);
          }
        }
      }
    }

    @Override
    public void finish(BatchCollector output) {
      if (pending != null && pending.rowCount() > 0) {
        emit(output);
      }
    }

    private void emit(BatchCollector output) {
      RowCopier full = pending;
      pending = null;
      Batch batch;
      try {
        batch = full.build();
      } finally {
        full.close();
      }
      output.accept(batch);
    }

    @Override
    public void close() {
      if (pending != null) {
        pending.close();
        pending = null;
      }
    }
  }
}
