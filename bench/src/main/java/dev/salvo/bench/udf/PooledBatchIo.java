package dev.salvo.bench.udf;

import dev.salvo.udf.api.UdfContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A batch UDF that makes its rows' 10 ms calls on its own thread pool of {@value #THREADS}
 * threads, the way sync-only client code gets concurrency.
 */
public final class PooledBatchIo {
  /** The pool's size, and so the number of calls in flight at most. */
  public static final int THREADS = 64;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, task -> {
    Thread thread = new Thread(task, "pooled-io");
    thread.setDaemon(true);
    return thread;
  });

  private PooledBatchIo() {}

  public static FieldVector call(BigIntVector values) throws Exception {
    int count = values.getValueCount();
    List<Future<Long>> replies = new ArrayList<>(count);
    for (int row = 0; row < count; row++) {
      long value = values.get(row);
      replies.add(POOL.submit(() -> {
        InFlight.enter("pooled");
        try {
          Thread.sleep(SimulatedIo.LATENCY_MILLIS);
          return value;
        } finally {
          InFlight.leave("pooled");
        }
      }));
    }
    BigIntVector out = new BigIntVector("out", UdfContext.current().allocator());
    out.allocateNew(count);
    for (int row = 0; row < count; row++) {
      out.set(row, replies.get(row).get());
    }
    out.setValueCount(count);
    return out;
  }
}
