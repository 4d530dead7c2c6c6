package dev.salvo.exec.fragment;

import java.util.List;

/**
 * Where a fragment's rows go: into the exchange that fragment {@code targetFragment} reads,
 * spread over {@code partitions} partitions by a hash of the columns {@code keys} (positions in
 * the fragment's output), or round-robin when there are none.
 */
public record FragmentOutput(int targetFragment, int partitions, List<Integer> keys) {
  public FragmentOutput {
    if (targetFragment < 0) {
      throw new IllegalArgumentException("targetFragment must not be negative");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    keys = List.copyOf(keys);
  }
}
