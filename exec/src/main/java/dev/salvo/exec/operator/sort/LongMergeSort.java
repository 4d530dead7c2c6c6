package dev.salvo.exec.operator.sort;

/** A stable merge sort of a long array under a caller-supplied order, without boxing. */
final class LongMergeSort {
  private static final int INSERTION_SORT_THRESHOLD = 16;

  private LongMergeSort() {}

  /** Orders two longs like a Comparator. */
  @FunctionalInterface
  interface LongComparator {
    int compare(long left, long right);
  }

  static void sort(long[] values, int length, LongComparator comparator) {
    long[] buffer = new long[length];
    sort(values, buffer, 0, length, comparator);
  }

  private static void sort(long[] values, long[] buffer, int from, int to,
      LongComparator comparator) {
    if (to - from <= INSERTION_SORT_THRESHOLD) {
      for (int i = from + 1; i < to; i++) {
        long value = values[i];
        int j = i - 1;
        while (j >= from && comparator.compare(values[j], value) > 0) {
          values[j + 1] = values[j];
          j--;
        }
        values[j + 1] = value;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    sort(values, buffer, from, middle, comparator);
    sort(values, buffer, middle, to, comparator);
    if (comparator.compare(values[middle - 1], values[middle]) <= 0) {
      return;
    }
    System.arraycopy(values, from, buffer, from, to - from);
    int left = from;
    int right = middle;
    for (int i = from; i < to; i++) {
      if (right >= to || (left < middle && comparator.compare(buffer[left], buffer[right]) <= 0)) {
        values[i] = buffer[left++];
      } else {
        values[i] = buffer[right++];
      }
    }
  }
}
