package dev.salvo.exec.operator.window;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.operator.sort.ValueComparators;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.WindowCall;
import dev.salvo.exec.plan.WindowFrame;
import dev.salvo.exec.plan.WindowFrame.Bound;
import dev.salvo.exec.plan.WindowFrame.BoundKind;
import dev.salvo.exec.plan.WindowFunction;
import dev.salvo.exec.plan.WindowNode;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Computes the window columns of a {@link WindowNode} over rows sorted by partition and order
 * keys, spread over several batches. Rows are numbered globally; partitions and peer groups
 * (rows equal on every order key) are found by comparing neighbours, then each function is
 * evaluated per partition. Frame aggregates grow one running state when the frame starts at
 * the partition start (or ends at its end) and recompute each distinct frame otherwise.
 */
final class WindowEvaluator {
  /** Rows are numbered with ints, and several int arrays of this length are kept. */
  private static final int MAX_ROWS = Integer.MAX_VALUE / 2;

  private final WindowNode node;
  private final List<Batch> batches;
  private final int rowCount;
  private final int[] batchOf;
  private final int[] rowOf;
  private final int[] partitionEnd;
  private final int[] peerStart;
  private final int[] peerEnd;

  WindowEvaluator(WindowNode node, List<Batch> batches) {
    this.node = node;
    this.batches = batches;
    long rows = 0;
    for (Batch batch : batches) {
      rows += batch.rowCount();
    }
    if (rows > MAX_ROWS) {
      throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "A window's input (" + rows
          + " rows) is larger than the " + MAX_ROWS + " rows one window can hold");
    }
    int total = (int) rows;
    rowCount = total;
    batchOf = new int[total];
    rowOf = new int[total];
    int position = 0;
    for (int b = 0; b < batches.size(); b++) {
      for (int row = 0; row < batches.get(b).rowCount(); row++) {
        batchOf[position] = b;
        rowOf[position++] = row;
      }
    }
    partitionEnd = new int[total];
    peerStart = new int[total];
    peerEnd = new int[total];
    findPartitionsAndPeers();
  }

  /** The window columns of each batch, in call order; the caller owns them. */
  List<List<FieldVector>> evaluate(BufferAllocator allocator) {
    List<WindowCall> calls = node.calls();
    List<List<FieldVector>> outputs = new ArrayList<>(batches.size());
    try {
      for (Batch batch : batches) {
        List<FieldVector> columns = new ArrayList<>(calls.size());
        outputs.add(columns);
        for (WindowCall call : calls) {
          FieldVector vector = call.type().toField(call.name()).createVector(allocator);
          columns.add(vector);
          vector.setInitialCapacity(batch.rowCount());
          vector.allocateNew();
        }
      }
      int[] frameStart = new int[rowCount];
      int[] frameEnd = new int[rowCount];
      boolean framed = calls.stream().anyMatch(call -> call.function().usesFrame());
      for (int start = 0; start < rowCount; start = partitionEnd[start]) {
        int end = partitionEnd[start];
        if (framed) {
          computeFrames(start, end, frameStart, frameEnd);
        }
        for (int c = 0; c < calls.size(); c++) {
          evaluatePartition(calls.get(c), c, outputs, start, end, frameStart, frameEnd);
        }
      }
      for (int b = 0; b < batches.size(); b++) {
        for (FieldVector vector : outputs.get(b)) {
          vector.setValueCount(batches.get(b).rowCount());
        }
      }
      return outputs;
    } catch (RuntimeException e) {
      outputs.forEach(columns -> columns.forEach(FieldVector::close));
      throw e;
    }
  }

  private FieldVector column(int column, int row) {
    return batches.get(batchOf[row]).column(column);
  }

  private void findPartitionsAndPeers() {
    RowType type = node.input().outputType();
    List<Integer> partitionKeys = node.partitionKeys();
    List<Integer> orderColumns = node.orderKeys().stream().map(SortKey::column).toList();
    ValueComparators.ValueComparator[] partitionComparators = comparators(partitionKeys, type);
    ValueComparators.ValueComparator[] orderComparators = comparators(orderColumns, type);
    int partitionStart = 0;
    int peerGroupStart = 0;
    for (int row = 0; row <= rowCount; row++) {
      boolean newPartition = row == rowCount || row == 0
          || !equal(partitionKeys, partitionComparators, row - 1, row);
      boolean newPeers = newPartition || !equal(orderColumns, orderComparators, row - 1, row);
      if (newPeers && row > 0) {
        for (int peer = peerGroupStart; peer < row; peer++) {
          peerStart[peer] = peerGroupStart;
          peerEnd[peer] = row;
        }
        peerGroupStart = row;
      }
      if (newPartition && row > 0) {
        for (int member = partitionStart; member < row; member++) {
          partitionEnd[member] = row;
        }
        partitionStart = row;
      }
    }
  }

  private static ValueComparators.ValueComparator[] comparators(List<Integer> columns,
      RowType type) {
    ValueComparators.ValueComparator[] comparators =
        new ValueComparators.ValueComparator[columns.size()];
    for (int i = 0; i < comparators.length; i++) {
      comparators[i] = ValueComparators.forType(type.type(columns.get(i)));
    }
    return comparators;
  }

  /** Whether two rows agree on every column, NULL matching NULL. */
  private boolean equal(List<Integer> columns, ValueComparators.ValueComparator[] comparators,
      int left, int right) {
    for (int i = 0; i < comparators.length; i++) {
      FieldVector leftVector = column(columns.get(i), left);
      FieldVector rightVector = column(columns.get(i), right);
      boolean leftNull = leftVector.isNull(rowOf[left]);
      boolean rightNull = rightVector.isNull(rowOf[right]);
      if (leftNull || rightNull) {
        if (leftNull != rightNull) {
          return false;
        }
        continue;
      }
      if (comparators[i].compare(leftVector, rowOf[left], rightVector, rowOf[right]) != 0) {
        return false;
      }
    }
    return true;
  }

  // ---- frames ----

  private void computeFrames(int start, int end, int[] frameStart, int[] frameEnd) {
    WindowFrame frame = node.frame();
    for (int row = start; row < end; row++) {
      int lower = frame.rows() ? rowsBound(row, start, end, frame.lower(), false)
          : rangeBound(row, start, end, frame.lower(), false);
      int upper = frame.rows() ? rowsBound(row, start, end, frame.upper(), true)
          : rangeBound(row, start, end, frame.upper(), true);
      frameStart[row] = lower;
      frameEnd[row] = Math.max(lower, upper);
    }
  }

  /** The first row of the frame (lower) or the row after its last (upper), for ROWS. */
  private static int rowsBound(int row, int start, int end, Bound bound, boolean upper) {
    long position = switch (bound.kind()) {
      case UNBOUNDED_PRECEDING -> start;
      case UNBOUNDED_FOLLOWING -> end;
      case CURRENT_ROW -> row + (upper ? 1 : 0);
      case PRECEDING -> row - offsetRows(bound) + (upper ? 1 : 0);
      case FOLLOWING -> row + offsetRows(bound) + (upper ? 1 : 0);
    };
    return (int) Math.max(start, Math.min(end, position));
  }

  private static long offsetRows(Bound bound) {
    // Saturate: an offset beyond any partition means the same as UNBOUNDED.
    return bound.offset().min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue();
  }

  /** As {@link #rowsBound}, for RANGE: peers for CURRENT ROW, key distance for offsets. */
  private int rangeBound(int row, int start, int end, Bound bound, boolean upper) {
    switch (bound.kind()) {
      case UNBOUNDED_PRECEDING:
        return start;
      case UNBOUNDED_FOLLOWING:
        return end;
      case CURRENT_ROW:
        return upper ? peerEnd[row] : peerStart[row];
      default:
        break;
    }
    if (node.orderKeys().size() != 1) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "A RANGE frame with an offset needs exactly one ORDER BY key");
    }
    SortKey key = node.orderKeys().get(0);
    BigDecimal value = orderValue(key.column(), row);
    if (value == null) {
      // A NULL key is only in range of the other NULL keys: its peers.
      return upper ? peerEnd[row] : peerStart[row];
    }
    BigDecimal delta = bound.kind() == BoundKind.PRECEDING ? bound.offset().negate()
        : bound.offset();
    BigDecimal target = key.ascending() ? value.add(delta) : value.subtract(delta);
    int sign = key.ascending() ? 1 : -1;
    int low = start;
    int high = end;
    while (low < high) {
      int middle = (low + high) >>> 1;
      BigDecimal candidate = orderValue(key.column(), middle);
      boolean before;
      if (candidate == null) {
        before = key.nullsFirst();
      } else {
        int comparison = sign * candidate.compareTo(target);
        before = upper ? comparison <= 0 : comparison < 0;
      }
      if (before) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private BigDecimal orderValue(int column, int row) {
    Object value = VectorValues.get(column(column, row), rowOf[row]);
    if (value == null) {
      return null;
    } else if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof Long number) {
      return BigDecimal.valueOf(number);
    } else if (value instanceof Double number) {
      return BigDecimal.valueOf(number);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED,
        "A RANGE frame with an offset needs a numeric ORDER BY key, got "
            + node.input().outputType().type(column));
  }

  // ---- functions ----

  private void evaluatePartition(WindowCall call, int callIndex,
      List<List<FieldVector>> outputs, int start, int end, int[] frameStart, int[] frameEnd) {
    int size = end - start;
    switch (call.function()) {
      case ROW_NUMBER -> {
        for (int row = start; row < end; row++) {
          write(outputs, callIndex, row, (long) (row - start + 1));
        }
      }
      case RANK -> {
        for (int row = start; row < end; row++) {
          write(outputs, callIndex, row, (long) (peerStart[row] - start + 1));
        }
      }
      case DENSE_RANK -> {
        long rank = 0;
        for (int row = start; row < end; row++) {
          if (peerStart[row] == row) {
            rank++;
          }
          write(outputs, callIndex, row, rank);
        }
      }
      case PERCENT_RANK -> {
        for (int row = start; row < end; row++) {
          double rank = size <= 1 ? 0.0 : (double) (peerStart[row] - start) / (size - 1);
          write(outputs, callIndex, row, rank);
        }
      }
      case CUME_DIST -> {
        for (int row = start; row < end; row++) {
          write(outputs, callIndex, row, (double) (peerEnd[row] - start) / size);
        }
      }
      case NTILE -> ntile(call, callIndex, outputs, start, end);
      case LAG, LEAD -> {
        long offset = call.function() == WindowFunction.LAG ? -call.offset() : call.offset();
        int argument = call.arguments().get(0);
        for (int row = start; row < end; row++) {
          long source = row + offset;
          if (source >= start && source < end) {
            copy(outputs, callIndex, row, argument, (int) source);
          } else {
            write(outputs, callIndex, row, call.defaultValue());
          }
        }
      }
      case FIRST_VALUE, LAST_VALUE -> {
        int argument = call.arguments().get(0);
        boolean first = call.function() == WindowFunction.FIRST_VALUE;
        for (int row = start; row < end; row++) {
          if (frameStart[row] >= frameEnd[row]) {
            write(outputs, callIndex, row, null);
          } else {
            copy(outputs, callIndex, row, argument, first ? frameStart[row] : frameEnd[row] - 1);
          }
        }
      }
      default -> aggregateFrames(call, callIndex, outputs, start, end, frameStart, frameEnd);
    }
  }

  private void ntile(WindowCall call, int callIndex, List<List<FieldVector>> outputs, int start,
      int end) {
    long buckets = call.offset();
    if (buckets <= 0) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "NTILE needs a positive number of buckets, got " + buckets);
    }
    long size = end - start;
    long small = size / buckets;
    long large = size % buckets;
    // The first `large` buckets hold one row more than the others.
    long largeRows = large * (small + 1);
    for (int row = start; row < end; row++) {
      long index = row - start;
      long bucket = index < largeRows ? index / (small + 1)
          : large + (index - largeRows) / Math.max(1, small);
      write(outputs, callIndex, row, bucket + 1);
    }
  }

  private void aggregateFrames(WindowCall call, int callIndex, List<List<FieldVector>> outputs,
      int start, int end, int[] frameStart, int[] frameEnd) {
    FrameAggregate aggregate = frameAggregate(call);
    WindowFrame frame = node.frame();
    if (frame.lower().kind() == BoundKind.UNBOUNDED_PRECEDING) {
      // Every frame starts at the partition start and ends no earlier than the previous one.
      aggregate.reset();
      int added = start;
      for (int row = start; row < end; row++) {
        while (added < frameEnd[row]) {
          aggregate.add(added++);
        }
        aggregate.write(target(outputs, callIndex, row), rowOf[row]);
      }
    } else if (frame.upper().kind() == BoundKind.UNBOUNDED_FOLLOWING) {
      aggregate.reset();
      int added = end;
      for (int row = end - 1; row >= start; row--) {
        while (added > frameStart[row]) {
          aggregate.add(--added);
        }
        aggregate.write(target(outputs, callIndex, row), rowOf[row]);
      }
    } else {
      int lastStart = -1;
      int lastEnd = -1;
      for (int row = start; row < end; row++) {
        if (frameStart[row] != lastStart || frameEnd[row] != lastEnd) {
          lastStart = frameStart[row];
          lastEnd = frameEnd[row];
          aggregate.reset();
          for (int member = lastStart; member < lastEnd; member++) {
            aggregate.add(member);
          }
        }
        aggregate.write(target(outputs, callIndex, row), rowOf[row]);
      }
    }
  }

  private FieldVector target(List<List<FieldVector>> outputs, int callIndex, int row) {
    return outputs.get(batchOf[row]).get(callIndex);
  }

  private void write(List<List<FieldVector>> outputs, int callIndex, int row, Object value) {
    VectorValues.set(target(outputs, callIndex, row), rowOf[row], value);
  }

  private void copy(List<List<FieldVector>> outputs, int callIndex, int row, int column,
      int source) {
    target(outputs, callIndex, row).copyFromSafe(rowOf[source], rowOf[row],
        column(column, source));
  }

  /** The running state of an aggregate over a frame: rows are added, the result written. */
  private interface FrameAggregate {
    void reset();

    void add(int row);

    void write(FieldVector output, int outputRow);
  }

  private FrameAggregate frameAggregate(WindowCall call) {
    int argument = call.arguments().isEmpty() ? -1 : call.arguments().get(0);
    return switch (call.function()) {
      case COUNT -> new CountAggregate(argument);
      case SUM, SUM0, AVG -> new SumAggregate(argument, call);
      case MIN, MAX -> new ExtremeAggregate(argument, call.function() == WindowFunction.MAX,
          ValueComparators.forType(node.input().outputType().type(argument)));
      default -> throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Not a frame aggregate: " + call.function());
    };
  }

  /** COUNT(*) (no argument) or COUNT(x), counting non-null x. */
  private final class CountAggregate implements FrameAggregate {
    private final int argument;
    private long count;

    CountAggregate(int argument) {
      this.argument = argument;
    }

    @Override
    public void reset() {
      count = 0;
    }

    @Override
    public void add(int row) {
      if (argument < 0 || !column(argument, row).isNull(rowOf[row])) {
        count++;
      }
    }

    @Override
    public void write(FieldVector output, int outputRow) {
      VectorValues.set(output, outputRow, count);
    }
  }

  /**
   * SUM, SUM0 and AVG, summing exactly in the result's arithmetic: long for integer results,
   * double for floating point ones, BigDecimal otherwise (AVG always sums BigDecimal unless its
   * result is floating point, then divides to the result's scale).
   */
  private final class SumAggregate implements FrameAggregate {
    private final int argument;
    private final WindowFunction function;
    private final TypeKind resultKind;
    private final int resultScale;
    private long count;
    private long longSum;
    private double doubleSum;
    private BigDecimal decimalSum;

    SumAggregate(int argument, WindowCall call) {
      this.argument = argument;
      this.function = call.function();
      this.resultKind = call.type().kind();
      this.resultScale = call.type().scale();
    }

    @Override
    public void reset() {
      count = 0;
      longSum = 0;
      doubleSum = 0;
      decimalSum = BigDecimal.ZERO;
    }

    @Override
    public void add(int row) {
      Object value = VectorValues.get(column(argument, row), rowOf[row]);
      if (value == null) {
        return;
      }
      count++;
      Number number = (Number) value;
      if (resultKind == TypeKind.REAL || resultKind == TypeKind.DOUBLE) {
        doubleSum += number.doubleValue();
      } else if (resultKind.isInteger() && function != WindowFunction.AVG) {
        longSum = Math.addExact(longSum, number.longValue());
      } else {
        decimalSum = decimalSum.add(number instanceof BigDecimal decimal ? decimal
            : number instanceof Double floating ? BigDecimal.valueOf(floating)
            : BigDecimal.valueOf(number.longValue()));
      }
    }

    @Override
    public void write(FieldVector output, int outputRow) {
      Object result;
      boolean floating = resultKind == TypeKind.REAL || resultKind == TypeKind.DOUBLE;
      if (count == 0) {
        result = function == WindowFunction.SUM0 ? (floating ? (Object) 0.0 : (Object) 0L) : null;
      } else if (function == WindowFunction.AVG) {
        if (floating) {
          result = doubleSum / count;
        } else {
          result = decimalSum.divide(BigDecimal.valueOf(count),
              resultKind == TypeKind.DECIMAL ? resultScale : 0,
              resultKind == TypeKind.DECIMAL ? RoundingMode.HALF_UP : RoundingMode.DOWN);
          if (resultKind.isInteger()) {
            result = ((BigDecimal) result).longValue();
          }
        }
      } else if (floating) {
        result = doubleSum;
      } else if (resultKind.isInteger()) {
        result = longSum;
      } else {
        result = decimalSum;
      }
      VectorValues.set(output, outputRow, result);
    }
  }

  /** MIN or MAX of any comparable type, copying the winning value. */
  private final class ExtremeAggregate implements FrameAggregate {
    private final int argument;
    private final boolean maximum;
    private final ValueComparators.ValueComparator comparator;
    private int best = -1;

    ExtremeAggregate(int argument, boolean maximum,
        ValueComparators.ValueComparator comparator) {
      this.argument = argument;
      this.maximum = maximum;
      this.comparator = comparator;
    }

    @Override
    public void reset() {
      best = -1;
    }

    @Override
    public void add(int row) {
      FieldVector vector = column(argument, row);
      if (vector.isNull(rowOf[row])) {
        return;
      }
      if (best < 0) {
        best = row;
        return;
      }
      int comparison = comparator.compare(vector, rowOf[row], column(argument, best),
          rowOf[best]);
      if (maximum ? comparison > 0 : comparison < 0) {
        best = row;
      }
    }

    @Override
    public void write(FieldVector output, int outputRow) {
      if (best < 0) {
        VectorValues.set(output, outputRow, null);
      } else {
        output.copyFromSafe(rowOf[best], outputRow, column(argument, best));
      }
    }
  }
}
