package dev.salvo.server.flightsql;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;

/**
 * Sends one query's result to a Flight client batch by batch. A batch is handed to gRPC only
 * when the client's stream is ready for more, and the next one is read from the query only
 * after that, so a slow client slows the query down instead of letting results pile up in the
 * server. A client that goes away cancels the query.
 */
final class ResultStreamer {
  /** How long a client may leave a result unread before the query is given up. */
  private static final long CLIENT_IDLE_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final BufferAllocator allocator;

  ResultStreamer(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Streams {@code result} to {@code listener} and closes it; errors go to the client. */
  void stream(ResultStream result, ServerStreamListener listener) {
    Readiness readiness = new Readiness(listener, result);
    try (result; VectorSchemaRoot root = VectorSchemaRoot.create(
        ArrowSchemas.of(result.rowType()), allocator)) {
      listener.start(root);
      VectorLoader loader = new VectorLoader(root);
      for (Batch next = result.next(); next != null; next = result.next()) {
        // The batch's buffers move into the outgoing root without a copy; the batch's own
        // references are dropped when it closes.
        try (Batch batch = next; ArrowRecordBatch recordBatch = new VectorUnloader(batch.root())
            .getRecordBatch()) {
          loader.load(recordBatch);
        }
        readiness.awaitReady();
        listener.putNext();
      }
      listener.completed();
    } catch (Throwable error) {
      if (!listener.isCancelled()) {
        listener.error(FlightErrors.toFlight(error));
      }
    }
  }

  /** Waits for the client's stream to accept more, and cancels the query when it is gone. */
  private static final class Readiness {
    private final ServerStreamListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    Readiness(ServerStreamListener listener, ResultStream result) {
      this.listener = listener;
      listener.setOnReadyHandler(this::signal);
      listener.setOnCancelHandler(() -> {
        result.cancel();
        signal();
      });
    }

    void awaitReady() {
      long deadline = System.nanoTime() + CLIENT_IDLE_LIMIT_NANOS;
      lock.lock();
      try {
        while (!listener.isReady()) {
          if (listener.isCancelled()) {
            throw new SalvoException(ErrorCode.QUERY_CANCELLED, "The client cancelled the query");
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SalvoException(ErrorCode.QUERY_CANCELLED,
                "The client read nothing for 10 minutes; the query was cancelled");
          }
          // The ready handler may fire between the check and the wait: wait briefly, recheck.
          changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)),
              TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SalvoException(ErrorCode.QUERY_CANCELLED, "Interrupted while sending results",
            e);
      } finally {
        lock.unlock();
      }
    }

    private void signal() {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
