package dev.salvo.exec.statistics;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.pipeline.SinkFactory;
import dev.salvo.exec.pipeline.SinkOperator;
import dev.salvo.exec.pipeline.SourceFactory;
import dev.salvo.exec.pipeline.SourceOperator;
import dev.salvo.exec.runner.QueryContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a pipeline's factories so that their operators record {@link OperatorStatistics}: used
 * only for EXPLAIN ANALYZE, so ordinary queries pay nothing. An operator's time excludes the
 * time spent in the operators it pushes its output to, since pushing calls them inline.
 */
public final class MeasuredFactories {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private MeasuredFactories() {}

  private static long cpuNow() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /** A started measurement of one call, minus the nested calls it makes downstream. */
  private static final class Stopwatch {
    private long wallStart;
    private long cpuStart;
    private long nestedWall;
    private long nestedCpu;

    void start() {
      wallStart = System.nanoTime();
      cpuStart = cpuNow();
      nestedWall = 0;
      nestedCpu = 0;
    }

    void stop(OperatorStatistics statistics) {
      statistics.addTime(System.nanoTime() - wallStart - nestedWall,
          cpuNow() - cpuStart - nestedCpu);
    }

    void emit(OperatorStatistics statistics, Batch batch, BatchCollector downstream) {
      statistics.addOutput(batch.rowCount(), batch.sizeInBytes());
      long wall = System.nanoTime();
      long cpu = cpuNow();
      try {
        downstream.accept(batch);
      } finally {
        nestedWall += System.nanoTime() - wall;
        nestedCpu += cpuNow() - cpu;
      }
    }
  }

  public static OperatorFactory operator(OperatorFactory factory, OperatorStatistics statistics) {
    return new OperatorFactory() {
      @Override
      public Operator create(QueryContext context) {
        return create(context, 0);
      }

      @Override
      public Operator create(QueryContext context, int driverIndex) {
        Operator operator = factory.create(context, driverIndex);
        statistics.addDriver();
        Stopwatch stopwatch = new Stopwatch();
        return new Operator() {
          @Override
          public void process(Batch input, BatchCollector output) {
            stopwatch.start();
            try {
              operator.process(input, batch -> stopwatch.emit(statistics, batch, output));
            } finally {
              stopwatch.stop(statistics);
            }
          }

          @Override
          public void finish(BatchCollector output) {
            stopwatch.start();
            try {
              operator.finish(batch -> stopwatch.emit(statistics, batch, output));
            } finally {
              stopwatch.stop(statistics);
            }
          }

          @Override
          public boolean isFinished() {
            return operator.isFinished();
          }

          @Override
          public void close() {
            operator.close();
          }
        };
      }
    };
  }

  public static SourceFactory source(SourceFactory factory, OperatorStatistics statistics) {
    return new SourceFactory() {
      @Override
      public int maxDrivers(QueryContext context) {
        return factory.maxDrivers(context);
      }

      @Override
      public int partitionCount() {
        return factory.partitionCount();
      }

      @Override
      public SourceOperator create(QueryContext context) {
        SourceOperator source = factory.create(context);
        statistics.addDriver();
        return new SourceOperator() {
          @Override
          public CompletableFuture<Void> isBlocked() {
            return source.isBlocked();
          }

          @Override
          public Batch next() {
            long wall = System.nanoTime();
            long cpu = cpuNow();
            Batch batch = source.next();
            statistics.addTime(System.nanoTime() - wall, cpuNow() - cpu);
            if (batch != null) {
              statistics.addOutput(batch.rowCount(), batch.sizeInBytes());
            }
            return batch;
          }

          @Override
          public void close() {
            source.close();
          }
        };
      }

      @Override
      public void close() {
        factory.close();
      }
    };
  }

  /** A sink's time counts towards its node; its input rows are another node's output. */
  public static SinkFactory sink(SinkFactory factory, OperatorStatistics statistics) {
    return new SinkFactory() {
      @Override
      public SinkOperator create(QueryContext context) {
        SinkOperator sink = factory.create(context);
        return new SinkOperator() {
          @Override
          public CompletableFuture<Void> isBlocked() {
            return sink.isBlocked();
          }

          @Override
          public void push(Batch batch) {
            long wall = System.nanoTime();
            long cpu = cpuNow();
            try {
              sink.push(batch);
            } finally {
              statistics.addTime(System.nanoTime() - wall, cpuNow() - cpu);
            }
          }

          @Override
          public void finish() {
            long wall = System.nanoTime();
            long cpu = cpuNow();
            try {
              sink.finish();
            } finally {
              statistics.addTime(System.nanoTime() - wall, cpuNow() - cpu);
            }
          }

          @Override
          public void close() {
            sink.close();
          }
        };
      }

      @Override
      public void finishPipeline() {
        factory.finishPipeline();
      }

      @Override
      public void close() {
        factory.close();
      }
    };
  }
}
