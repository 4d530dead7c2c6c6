package dev.salvo.exec.operator.join;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RetainedBatches;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * The build side of a hash join, a pipeline breaker: every driver hands its batches to one
 * shared list (copied only when they pin much more memory than their rows need: see
 * {@link RetainedBatches}); when the pipeline ends the hash table is built over all of them
 * and the probe pipeline may start.
 */
public final class HashJoinBuildSinkFactory implements SinkFactory {
  private final HashJoinNode node;
  private final QueryContext context;
  private final List<Batch> batches = new ArrayList<>();
  private JoinHashTable table;
  private boolean closed;

  public HashJoinBuildSinkFactory(HashJoinNode node, QueryContext context) {
    this.node = node;
    this.context = context;
  }

  @Override
  public SinkOperator create(QueryContext driverContext) {
    return new SinkOperator() {
      @Override
      public void push(Batch batch) {
        if (batch.rowCount() == 0) {
          batch.close();
          return;
        }
        Batch kept = RetainedBatches.compact(batch, driverContext.allocator());
        synchronized (batches) {
          if (closed) {
            kept.close();
            return;
          }
          batches.add(kept);
        }
      }

      @Override
      public void finish() {}
    };
  }

  @Override
  public void finishPipeline() {
    List<Batch> taken;
    synchronized (batches) {
      taken = new ArrayList<>(batches);
      batches.clear();
    }
    RowType buildType = node.build().outputType();
    List<DataType> keyTypes = node.buildKeys().stream().map(buildType::type).toList();
    JoinHashTable built = JoinHashTable.build(taken, node.buildKeys(), keyTypes,
        node.nullSafeKeys(), node.joinType().tracksBuildMatches(), context.allocator());
    synchronized (batches) {
      if (closed) {
        built.close();
        return;
      }
      table = built;
    }
  }

  /** The finished table; available once the build pipeline has finished. */
  JoinHashTable table() {
    synchronized (batches) {
      if (table == null) {
        throw new IllegalStateException("The hash join's build pipeline has not finished");
      }
      return table;
    }
  }

  @Override
  public void close() {
    synchronized (batches) {
      closed = true;
      batches.forEach(Batch::close);
      batches.clear();
      if (table != null) {
        table.close();
        table = null;
      }
    }
  }
}
