package dev.salvo.udf.runtime;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent logged UDF row failures, bounded so a failing query cannot fill memory. */
public final class UdfErrorLog {
  private final int capacity;
  private final ArrayDeque<UdfErrorRecord> records = new ArrayDeque<>();
  private long dropped;

  public UdfErrorLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  synchronized void add(UdfErrorRecord record) {
    if (records.size() == capacity) {
      records.removeFirst();
      dropped++;
    }
    records.addLast(record);
  }

  /** The kept records, oldest first. */
  public synchronized List<UdfErrorRecord> records() {
    return List.copyOf(records);
  }

  /** How many records were pushed out by newer ones. */
  public synchronized long droppedCount() {
    return dropped;
  }
}
