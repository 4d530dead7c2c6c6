package dev.salvo.exec.operator.exchange;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.pipeline.SinkOperator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The bounded queues of one exchange, one per partition, between the producing pipeline's
 * drivers and the one consuming driver per partition. Nobody waits on a lock for long: a
 * producer facing a full queue, or a consumer facing an empty one, gets a future and gives its
 * thread back. A partition whose consumer stopped early (a LIMIT) drops what it receives, so it
 * never holds the producers up; a cancelled query releases every queued batch at once.
 */
final class ExchangeBuffer {
  private final int capacity;
  private final List<ArrayDeque<Batch>> queues;
  private final boolean[] consumerGone;
  private final List<CompletableFuture<Void>> dataAvailable;
  private CompletableFuture<Void> spaceAvailable;
  private boolean producersDone;
  private boolean released;

  ExchangeBuffer(int partitions, int capacity) {
    this.capacity = capacity;
    this.queues = new ArrayList<>(partitions);
    this.dataAvailable = new ArrayList<>(partitions);
    for (int i = 0; i < partitions; i++) {
      queues.add(new ArrayDeque<>());
      dataAvailable.add(null);
    }
    this.consumerGone = new boolean[partitions];
  }

  int partitions() {
    return queues.size();
  }

  /** Done while every live partition has room; otherwise completes when one drains or ends. */
  synchronized CompletableFuture<Void> producerBlocked() {
    if (released) {
      return SinkOperator.NOT_BLOCKED;
    }
    for (int p = 0; p < queues.size(); p++) {
      if (!consumerGone[p] && queues.get(p).size() >= capacity) {
        if (spaceAvailable == null) {
          spaceAvailable = new CompletableFuture<>();
        }
        return spaceAvailable;
      }
    }
    return SinkOperator.NOT_BLOCKED;
  }

  /** Queues {@code batch} (taken over) for {@code partition}, or drops it if nobody reads it. */
  void add(int partition, Batch batch) {
    CompletableFuture<Void> wake;
    synchronized (this) {
      if (released || consumerGone[partition]) {
        wake = null;
      } else {
        queues.get(partition).add(batch);
        wake = dataAvailable.set(partition, null);
        batch = null;
      }
    }
    if (batch != null) {
      batch.close();
    }
    complete(wake);
  }

  /** Every producer has finished: consumers drain their queues and end. */
  void finishProducers() {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      producersDone = true;
      wake = takeConsumerFutures();
    }
    wake.forEach(ExchangeBuffer::complete);
  }

  /** Done when {@code partition} has a batch or will get none; otherwise a future for that. */
  synchronized CompletableFuture<Void> consumerBlocked(int partition) {
    if (released || producersDone || !queues.get(partition).isEmpty()) {
      return SinkOperator.NOT_BLOCKED;
    }
    CompletableFuture<Void> future = dataAvailable.get(partition);
    if (future == null) {
      future = new CompletableFuture<>();
      dataAvailable.set(partition, future);
    }
    return future;
  }

  /**
   * The next batch of {@code partition}, or null when it has ended; call only once
   * {@link #consumerBlocked} is done.
   */
  Batch poll(int partition) {
    Batch batch;
    CompletableFuture<Void> wake = null;
    synchronized (this) {
      batch = queues.get(partition).poll();
      if (batch == null && !producersDone && !released) {
        throw new IllegalStateException("Partition " + partition + " polled while still open");
      }
      if (batch != null && queues.get(partition).size() < capacity) {
        wake = spaceAvailable;
        spaceAvailable = null;
      }
    }
    complete(wake);
    return batch;
  }

  /** The consumer of {@code partition} stops reading: release its queue, never block on it. */
  void consumerGone(int partition) {
    List<Batch> dropped;
    CompletableFuture<Void> wake;
    synchronized (this) {
      consumerGone[partition] = true;
      dropped = new ArrayList<>(queues.get(partition));
      queues.get(partition).clear();
      wake = spaceAvailable;
      spaceAvailable = null;
    }
    dropped.forEach(Batch::close);
    complete(wake);
  }

  /** Releases every queued batch and wakes every waiter; later batches are dropped. */
  void release() {
    List<Batch> dropped = new ArrayList<>();
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      released = true;
      for (ArrayDeque<Batch> queue : queues) {
        dropped.addAll(queue);
        queue.clear();
      }
      wake = takeConsumerFutures();
      wake.add(spaceAvailable);
      spaceAvailable = null;
    }
    dropped.forEach(Batch::close);
    wake.forEach(ExchangeBuffer::complete);
  }

  /** Batches queued now, for tests and statistics. */
  synchronized int queuedBatches() {
    return queues.stream().mapToInt(ArrayDeque::size).sum();
  }

  private List<CompletableFuture<Void>> takeConsumerFutures() {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int p = 0; p < dataAvailable.size(); p++) {
      futures.add(dataAvailable.set(p, null));
    }
    return futures;
  }

  private static void complete(CompletableFuture<Void> future) {
    if (future != null) {
      future.complete(null);
    }
  }
}
