package dev.salvo.exec.expr.logic;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.CheckedRange;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Operand;
import dev.salvo.exec.expr.vector.RowSelection;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * AND / OR of two or more operands in three-valued logic. A row is decided once an operand is
 * FALSE (AND) or TRUE (OR). Operands after the first are evaluated only on the rows still
 * undecided when few remain (their columns copied out first), and always so for an operand that
 * may raise a data error: {@code x <> 0 AND 10 / x > 1} never divides by zero.
 *
 * <p>The leading operands that cannot fail are reordered as batches go by: orders are tried on
 * whole batches and the fastest measured is kept (see {@link Statistics}); one instance serves
 * every driver of a pipeline, so the order learned on the first batches serves the rest.
 */
final class ConnectiveExpression implements VectorExpression {
  /** Later operands run on the undecided rows alone when at most this share of rows remains. */
  private static final double SUBSET_SHARE = 0.25;
  /** Batches between two reorderings. */
  private static final int REORDER_INTERVAL = 16;

  private final boolean decisiveValue;
  private final List<VectorExpression> operands;
  private final List<BitSet> operandColumns;
  private final boolean[] operandCanFail;
  /** How many leading operands cannot fail; they may run in any order. */
  private final int reorderable;
  private final DataType type;
  private final Statistics statistics;
  private volatile int[] order;

  /** {@code and} selects AND (decided by FALSE) rather than OR (decided by TRUE). */
  ConnectiveExpression(boolean and, List<VectorExpression> operands, List<BitSet> operandColumns,
      boolean[] operandCanFail, DataType type) {
    this.decisiveValue = !and;
    this.operands = List.copyOf(operands);
    this.operandColumns = List.copyOf(operandColumns);
    this.operandCanFail = operandCanFail.clone();
    this.type = type;
    int leading = 0;
    while (leading < operandCanFail.length && !operandCanFail[leading]) {
      leading++;
    }
    this.reorderable = leading;
    this.statistics = new Statistics(operands.size());
    int[] initial = new int[operands.size()];
    Arrays.setAll(initial, k -> k);
    this.order = initial;
  }

  @Override
  public FieldVector evaluate(Batch input, BufferAllocator allocator) {
    int rowCount = input.rowCount();
    int words = (rowCount + 63) >>> 6;
    long[] decided = new long[words];
    long[] sawNull = new long[words];
    int decidedCount = 0;
    int[] order = this.order;
    long[] nanos = new long[order.length];
    long[] rowsEvaluated = new long[order.length];
    long[] rowsSeen = new long[order.length];
    long[] rowsDecided = new long[order.length];
    long evaluationStart = System.nanoTime();
    for (int position = 0; position < order.length && decidedCount < rowCount; position++) {
      int k = order[position];
      VectorExpression operand = operands.get(k);
      long start = System.nanoTime();
      int undecided = rowCount - decidedCount;
      int rowsRun = rowCount;
      if (operand instanceof ConstantExpression constant) {
        applyConstant(constant, decided, sawNull);
      } else if (decidedCount > 0
          && (operandCanFail[k] || undecided <= rowCount * SUBSET_SHARE)) {
        applyToUndecided(k, input, allocator, decided, sawNull, rowCount, undecided);
        rowsRun = undecided;
      } else {
        try (Operand evaluated = Operand.materialized(operand, input, allocator)) {
          applyVector(evaluated.vector(), decided, sawNull, rowCount);
        }
      }
      int before = decidedCount;
      decidedCount = countDecided(decided, rowCount);
      nanos[k] = System.nanoTime() - start;
      rowsEvaluated[k] = rowsRun;
      rowsSeen[k] = undecided;
      rowsDecided[k] = decidedCount - before;
    }
    if (reorderable > 1) {
      statistics.add(order, System.nanoTime() - evaluationStart, rowCount, nanos, rowsEvaluated,
          rowsSeen, rowsDecided);
    }
    return result(decided, sawNull, rowCount, allocator);
  }

  private static int countDecided(long[] decided, int rowCount) {
    int count = 0;
    for (int w = 0; w < decided.length; w++) {
      count += Long.bitCount(decided[w] & wordMask(w, rowCount));
    }
    return count;
  }

  private FieldVector result(long[] decided, long[] sawNull, int rowCount,
      BufferAllocator allocator) {
    FieldVector output = Vectors.allocate(type, rowCount, allocator);
    int bytes = Vectors.bitBytes(rowCount);
    long validity = CheckedRange.address(output.getValidityBuffer(), bytes);
    long values = CheckedRange.address(output.getDataBuffer(), bytes);
    for (int w = 0; w < decided.length; w++) {
      long mask = wordMask(w, rowCount);
      long nullBits = sawNull[w] & ~decided[w];
      int first = w << 6;
      int end = Math.min(first + 64, rowCount);
      Vectors.putBits(validity, first, end, ~nullBits & mask);
      Vectors.putBits(values, first, end,
          (decisiveValue ? decided[w] : ~(decided[w] | nullBits)) & mask);
    }
    output.setValueCount(rowCount);
    return output;
  }

  private void applyConstant(ConstantExpression constant, long[] decided, long[] sawNull) {
    if (constant.isNull()) {
      Arrays.fill(sawNull, -1L);
    } else if ((Boolean) constant.value() == decisiveValue) {
      Arrays.fill(decided, -1L);
    }
  }

  private void applyVector(FieldVector vector, long[] decided, long[] sawNull, int rowCount) {
    int bytes = Vectors.bitBytes(rowCount);
    long values = CheckedRange.address(vector.getDataBuffer(), bytes);
    ArrowBuf validityBuffer = vector.getValidityBuffer();
    // A vector read without nulls may come without a validity buffer: every row is valid.
    long validity = validityBuffer.capacity() >= bytes
        ? CheckedRange.address(validityBuffer, bytes) : 0;
    for (int w = 0; w < decided.length; w++) {
      long valid = validity == 0 ? -1L : readWord(validity, w, bytes);
      long value = readWord(values, w, bytes);
      decided[w] |= valid & (decisiveValue ? value : ~value);
      sawNull[w] |= ~valid;
    }
  }

  private void applyToUndecided(int k, Batch input, BufferAllocator allocator, long[] decided,
      long[] sawNull, int rowCount, int undecided) {
    int[] rows = new int[undecided];
    int count = 0;
    for (int w = 0; w < decided.length; w++) {
      long open = ~decided[w] & wordMask(w, rowCount);
      int base = w << 6;
      while (open != 0) {
        rows[count++] = base + Long.numberOfTrailingZeros(open);
        open &= open - 1;
      }
    }
    try (FieldVector vector = RowSelection.evaluate(operands.get(k), operandColumns.get(k), input,
        rows, count, allocator)) {
      int bytes = Vectors.bitBytes(count);
      ArrowBuf validityBuffer = vector.getValidityBuffer();
      long validity = validityBuffer.capacity() >= bytes
          ? CheckedRange.address(validityBuffer, bytes) : 0;
      long values = CheckedRange.address(vector.getDataBuffer(), bytes);
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        if (validity != 0 && !isSet(validity, j)) {
          sawNull[row >>> 6] |= 1L << row;
        } else if (isSet(values, j) == decisiveValue) {
          decided[row >>> 6] |= 1L << row;
        }
      }
    }
  }

  private static boolean isSet(long bitmap, int index) {
    return ((MemoryUtil.getByte(bitmap + (index >>> 3)) >> (index & 7)) & 1) != 0;
  }

  /** The bits of word {@code w} that belong to the first {@code rowCount} rows. */
  private static long wordMask(int w, int rowCount) {
    int remaining = rowCount - (w << 6);
    return remaining >= 64 ? -1L : (1L << remaining) - 1;
  }

  /** Word {@code w} of a bitmap of {@code bytes} bytes; bytes past its end read as zero. */
  private static long readWord(long address, int w, int bytes) {
    int offset = w << 3;
    if (offset + 8 <= bytes) {
      return MemoryUtil.getLong(address + offset);
    }
    long word = 0;
    for (int i = offset; i < bytes; i++) {
      word |= (MemoryUtil.getByte(address + i) & 0xFFL) << ((i - offset) << 3);
    }
    return word;
  }

  @Override
  public DataType type() {
    return type;
  }

  /**
   * Chooses the order of the reorderable operands by trying orders on whole batches: every
   * {@link #REORDER_INTERVAL} batches it compares the time per row of the order just run with
   * the best order's, keeps the faster one, and then tries a candidate (every other interval at
   * first, every eighth once the order has settled). Candidates are the order a cost model
   * proposes (operands by time per decided row, from each operand's time and rows summed over
   * recent batches) and the best order with two neighbouring operands swapped. The model alone
   * is not enough: it ignores that an operand costs more per row on a scattered subset than on
   * the whole batch, its timings of single operands are noisy, and two orders it ranks close
   * differ by a third in Q12's filter.
   */
  private final class Statistics {
    private final double[] nanos;
    private final double[] rowsEvaluated;
    private final double[] rowsSeen;
    private final double[] rowsDecided;
    private double trialNanos;
    private double trialRows;
    private int trialBatches;
    private int[] best;
    private double bestCost = Double.POSITIVE_INFINITY;
    private int intervals;
    private int explored;

    Statistics(int operandCount) {
      nanos = new double[operandCount];
      rowsEvaluated = new double[operandCount];
      rowsSeen = new double[operandCount];
      rowsDecided = new double[operandCount];
    }

    synchronized void add(int[] ranOrder, long batchNanos, int rowCount, long[] operandNanos,
        long[] batchEvaluated, long[] batchSeen, long[] batchDecided) {
      for (int k = 0; k < nanos.length; k++) {
        nanos[k] += operandNanos[k];
        rowsEvaluated[k] += batchEvaluated[k];
        rowsSeen[k] += batchSeen[k];
        rowsDecided[k] += batchDecided[k];
      }
      if (ranOrder != order) {
        return; // started before the current trial did
      }
      trialNanos += batchNanos;
      trialRows += rowCount;
      if (++trialBatches < REORDER_INTERVAL) {
        return;
      }
      double cost = trialNanos / Math.max(1, trialRows);
      // The best order's own latest time replaces its earlier one, so that a lucky interval is
      // not kept as the mark forever.
      if (best == null || Arrays.equals(order, best) || cost < bestCost) {
        best = order;
        bestCost = cost;
      }
      intervals++;
      boolean explore = intervals < 16 ? intervals % 2 == 1 : intervals % 8 == 1;
      order = explore ? candidate(explored++) : best;
      trialNanos = 0;
      trialRows = 0;
      trialBatches = 0;
      for (int k = 0; k < nanos.length; k++) {
        nanos[k] /= 2;
        rowsEvaluated[k] /= 2;
        rowsSeen[k] /= 2;
        rowsDecided[k] /= 2;
      }
    }

    /** Candidate {@code i}: the model's order, then the best with neighbours swapped. */
    private int[] candidate(int i) {
      int slot = i % reorderable;
      int[] next = best.clone();
      if (slot == 0) {
        Integer[] leading = new Integer[reorderable];
        for (int p = 0; p < reorderable; p++) {
          leading[p] = next[p];
        }
        Arrays.sort(leading, (a, b) -> Double.compare(cost(a), cost(b)));
        for (int p = 0; p < reorderable; p++) {
          next[p] = leading[p];
        }
      } else {
        int swapped = next[slot - 1];
        next[slot - 1] = next[slot];
        next[slot] = swapped;
      }
      return next;
    }

    /**
     * Expected time to decide one row: time per row evaluated over the share of the undecided
     * rows it decided. An operand not yet run costs nothing, so it runs first once and gets
     * measured.
     */
    private double cost(int k) {
      if (rowsSeen[k] == 0) {
        return 0;
      }
      double share = Math.max(rowsDecided[k] / rowsSeen[k], 1e-6);
      return nanos[k] / rowsEvaluated[k] / share;
    }
  }
}
