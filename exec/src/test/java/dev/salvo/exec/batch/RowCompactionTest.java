package dev.salvo.exec.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compaction copies exactly the chosen rows of every column kind, whether the choice comes in
 * long runs (copied run by run) or scattered (copied value by value).
 */
class RowCompactionTest {
  private static final int ROWS = 1000;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void scatteredRowsOfEveryWidthAreCopied() {
    Random random = new Random(7);
    assertCompacts(select(row -> random.nextInt(100) < 50));
  }

  @Test
  void longRunsWithGapsAreCopied() {
    assertCompacts(select(row -> row % 97 != 3 && row % 41 != 0));
  }

  @Test
  void singleRowsAtEitherEndAreCopied() {
    assertCompacts(new int[] {0});
    assertCompacts(new int[] {ROWS - 1});
    assertCompacts(new int[] {0, ROWS - 1});
  }

  @Test
  void aRowBeyondTheBatchIsRefusedAndLeaksNothing() {
    try (Batch input = batch()) {
      assertThrows(IndexOutOfBoundsException.class,
          () -> RowCompaction.compact(input, new int[] {1, 2, ROWS}, 3, allocator));
      assertThrows(IndexOutOfBoundsException.class,
          () -> RowCompaction.compact(input, new int[] {-1, 4}, 2, allocator));
    }
  }

  private static int[] select(java.util.function.IntPredicate keep) {
    return java.util.stream.IntStream.range(0, ROWS).filter(keep).toArray();
  }

  private void assertCompacts(int[] selected) {
    try (Batch input = batch();
        Batch output = RowCompaction.compact(input, selected, selected.length, allocator)) {
      assertEquals(selected.length, output.rowCount());
      for (int c = 0; c < input.columnCount(); c++) {
        FieldVector from = input.column(c);
        FieldVector to = output.column(c);
        assertEquals(selected.length, to.getValueCount());
        int nulls = 0;
        for (int i = 0; i < selected.length; i++) {
          Object expected = from.getObject(selected[i]);
          nulls += expected == null ? 1 : 0;
          assertEquals(expected, to.getObject(i),
              "column " + from.getName() + ", row " + selected[i]);
        }
        assertEquals(nulls, to.getNullCount(), "nulls of column " + from.getName());
      }
    }
  }

  /**
   * Columns of 1, 2, 4, 8 and 16 bytes, bits and strings (empty, short, exactly 8 bytes, long),
   * each with some nulls.
   */
  private Batch batch() {
    List<FieldVector> columns = new ArrayList<>();
    TinyIntVector tiny = new TinyIntVector("tiny", allocator);
    SmallIntVector small = new SmallIntVector("small", allocator);
    IntVector integer = new IntVector("int", allocator);
    BigIntVector big = new BigIntVector("big", allocator);
    DecimalVector decimal = new DecimalVector("decimal", allocator, 15, 2);
    BitVector bit = new BitVector("bit", allocator);
    VarCharVector text = new VarCharVector("text", allocator);
    columns.addAll(List.of(tiny, small, integer, big, decimal, bit, text));
    columns.forEach(FieldVector::allocateNew);
    IntFunction<String> texts = row -> switch (row % 5) {
      case 0 -> "";
      case 1 -> "R";
      case 2 -> "eightchr";
      case 3 -> "a longer value of row " + row;
      default -> "row" + row;
    };
    for (int row = 0; row < ROWS; row++) {
      if (row % 13 == 5) {
        for (FieldVector column : columns) {
          column.setNull(row);
        }
        continue;
      }
      tiny.setSafe(row, (byte) row);
      small.setSafe(row, (short) (row * 7));
      integer.setSafe(row, row * 1_000_003);
      big.setSafe(row, row * 10_000_000_019L);
      decimal.setSafe(row, BigDecimal.valueOf(row * 12_345L - 99_999, 2));
      bit.setSafe(row, row % 3 == 0 ? 1 : 0);
      text.setSafe(row, new Text(texts.apply(row)));
    }
    columns.forEach(column -> column.setValueCount(ROWS));
    return Batch.of(columns, ROWS);
  }
}
