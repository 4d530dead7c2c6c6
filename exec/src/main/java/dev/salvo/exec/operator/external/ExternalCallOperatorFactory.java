package dev.salvo.exec.operator.external;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.function.ExternalInvocation;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.plan.ExternalCallNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.statistics.ExternalCallStatistics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Evaluates an {@link ExternalCallNode}: opens the function once for the query (pinning its
 * version) and, per driver, keeps a bounded number of batches in flight, emitting results in
 * input order without ever blocking the driver's thread (it reports BLOCKED instead).
 */
public final class ExternalCallOperatorFactory implements OperatorFactory {
  private final ExternalCallNode node;
  private final ExternalInvocation invocation;
  private final int batchesInFlight;

  public ExternalCallOperatorFactory(ExternalCallNode node, QueryContext context) {
    this.node = node;
    this.batchesInFlight = Math.max(1,
        node.function().batchesInFlightPerDriver(context.parallelism()));
    this.invocation = node.function().open(context, new CallReporter(context,
        context.statistics() == null ? null : context.statistics().of(node).externalCalls()));
  }

  /**
   * Passes the function's call events on to the query's progress (live counters for whoever
   * watches the query) and, under EXPLAIN ANALYZE, to this operator's figures.
   */
  private static final class CallReporter implements ExternalCallListener {
    private final QueryProgress progress;
    private final ExternalCallStatistics figures;

    CallReporter(QueryContext context, ExternalCallStatistics figures) {
      this.progress = context.progress();
      this.figures = figures;
    }

    @Override
    public void callStarted(int attempt) {
      progress.udfCallStarted();
      if (figures != null) {
        figures.callStarted(attempt);
      }
    }

    @Override
    public void callFinished(boolean failed) {
      progress.udfCallFinished(failed);
      if (figures != null) {
        figures.callFinished(failed);
      }
    }

    @Override
    public void rowsFailed(int rows) {
      if (figures != null) {
        figures.rowsFailed(rows);
      }
    }
  }

  @Override
  public Operator create(QueryContext context) {
    return new ExternalCallOperator(context);
  }

  @Override
  public void close() {
    invocation.close();
  }

  /** A batch whose call has started, kept open until its result is taken. */
  private record InFlight(Batch input, CompletableFuture<FieldVector> result) {}

  /** One driver's calls in flight, oldest first. */
  private final class ExternalCallOperator implements Operator {
    private final QueryContext context;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private boolean finishing;

    ExternalCallOperator(QueryContext context) {
      this.context = context;
    }

    @Override
    public void process(Batch input, BatchCollector output) {
      CompletableFuture<FieldVector> result;
      try {
        List<FieldVector> arguments = new ArrayList<>(node.arguments().size());
        for (int column : node.arguments()) {
          arguments.add(input.column(column));
        }
        result = invocation.evaluateAsync(arguments, input.rowCount());
      } catch (RuntimeException e) {
        input.close();
        throw e;
      }
      inFlight.add(new InFlight(input, result));
      emitReady(output);
    }

    @Override
    public void emitReady(BatchCollector output) {
      while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
        InFlight done = inFlight.poll();
        output.accept(combine(done));
      }
    }

    @Override
    public void finish(BatchCollector output) {
      finishing = true;
      emitReady(output);
    }

    @Override
    public CompletableFuture<Void> isBlocked() {
      boolean full = finishing ? !inFlight.isEmpty() : inFlight.size() >= batchesInFlight;
      if (!full) {
        return NOT_BLOCKED;
      }
      return inFlight.peek().result().handle((value, error) -> null);
    }

    private Batch combine(InFlight done) {
      FieldVector result;
      try {
        result = done.result().join();
      } catch (CompletionException e) {
        done.input().close();
        throw SalvoException.wrap(e.getCause() == null ? e : e.getCause());
      } catch (RuntimeException e) {
        done.input().close();
        throw e;
      }
      List<FieldVector> columns = new ArrayList<>(done.input().columns());
      // The input's vectors move into the new batch: its root holds no buffers of its own.
      columns.add(named(result, node.result().name()));
      return Batch.of(columns, done.input().rowCount());
    }

    private FieldVector named(FieldVector vector, String name) {
      if (vector.getName().equals(name)) {
        return vector;
      }
      Field field = new Field(name, vector.getField().getFieldType(),
          vector.getField().getChildren());
      try (vector) {
        TransferPair transfer = vector.getTransferPair(field, context.allocator());
        transfer.transfer();
        return (FieldVector) transfer.getTo();
      }
    }

    /**
     * Waits for calls still running before releasing their inputs, which they read; the query has
     * failed or been cancelled by now, so the runtime stops them promptly.
     */
    @Override
    public void close() {
      SalvoException interrupted = null;
      for (InFlight call : inFlight) {
        try {
          FieldVector result = call.result().get();
          result.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          interrupted = new SalvoException(ErrorCode.QUERY_CANCELLED,
              "Interrupted while stopping calls to " + node.function().name(), e);
        } catch (ExecutionException | RuntimeException e) {
          // The call failed; the query already reports its first error.
        } finally {
          call.input().close();
        }
      }
      inFlight.clear();
      if (interrupted != null) {
        throw interrupted;
      }
    }
  }
}
