package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The build side of a hash aggregation, a pipeline breaker: each driver aggregates its rows
 * into its own partial state; when the pipeline ends the partial states are merged into the
 * final one, which {@link HashAggregationSourceFactory} then emits.
 */
public final class HashAggregationSinkFactory implements SinkFactory {
  private final List<Integer> groupKeys;
  private final List<DataType> keyTypes;
  private final List<Accumulators.Factory> accumulators;
  private final BufferAllocator allocator;
  private final List<GroupedAggregation> partials = new ArrayList<>();
  private volatile GroupedAggregation result;
  /** Sources still to read the result; the last one to close releases it. */
  private int readers;

  public HashAggregationSinkFactory(AggregateNode node, QueryContext context) {
    RowType inputType = node.input().outputType();
    this.groupKeys = node.groupKeys();
    this.keyTypes = groupKeys.stream().map(inputType::type).toList();
    this.accumulators = Accumulators.factories(node.aggregates(), inputType);
    this.allocator = context.allocator();
  }

  @Override
  public SinkOperator create(QueryContext context) {
    return new HashAggregationSink(newAggregation());
  }

  private GroupedAggregation newAggregation() {
    return new GroupedAggregation(groupKeys, keyTypes, accumulators, allocator);
  }

  @Override
  public void finishPipeline() {
    List<GroupedAggregation> states;
    synchronized (partials) {
      states = new ArrayList<>(partials);
      partials.clear();
    }
    GroupedAggregation merged = states.isEmpty() ? newAggregation() : states.get(0);
    try {
      for (int i = 1; i < states.size(); i++) {
        merged.merge(states.get(i), allocator);
        states.get(i).close();
      }
    } catch (RuntimeException e) {
      states.forEach(GroupedAggregation::close);
      throw e;
    }
    result = merged;
  }

  /** The final aggregation; available once the pipeline has finished. */
  GroupedAggregation result() {
    GroupedAggregation finished = result;
    if (finished == null) {
      throw new IllegalStateException("The aggregation's pipeline has not finished");
    }
    return finished;
  }

  /** Registers one more source that reads the result. */
  synchronized void addReader() {
    readers++;
  }

  /** One source is done with the result; the last one releases it. */
  void readerDone() {
    boolean last;
    synchronized (this) {
      last = --readers == 0;
    }
    if (last) {
      close();
    }
  }

  @Override
  public void close() {
    synchronized (partials) {
      partials.forEach(GroupedAggregation::close);
      partials.clear();
    }
    GroupedAggregation finished = result;
    if (finished != null) {
      finished.close();
    }
    result = null;
  }

  /** One driver's partial aggregation. */
  private final class HashAggregationSink implements SinkOperator {
    private GroupedAggregation state;

    HashAggregationSink(GroupedAggregation state) {
      this.state = state;
    }

    @Override
    public void push(Batch batch) {
      try (batch) {
        state.add(batch);
      }
    }

    @Override
    public void finish() {
      synchronized (partials) {
        partials.add(state);
      }
      state = null;
    }

    @Override
    public void close() {
      // Only a state that never reached the factory is this sink's to release.
      if (state != null) {
        state.close();
      }
      state = null;
    }
  }
}
