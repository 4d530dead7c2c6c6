package dev.salvo.exec.runner;

import static dev.salvo.exec.runner.RunnerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SortAndLimitTest {
  private BufferAllocator root;
  private NativeQueryRunner runner;

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
    runner = new NativeQueryRunner(3);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    root.close();
  }

  @SuppressWarnings("unchecked")
  private static Comparator<List<Object>> order(List<SortKey> keys) {
    Comparator<List<Object>> result = (left, right) -> 0;
    for (SortKey key : keys) {
      Comparator<Object> values = (left, right) -> ((Comparable<Object>) left).compareTo(right);
      if (!key.ascending()) {
        values = values.reversed();
      }
      values = key.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      Comparator<Object> column = values;
      result = result.thenComparing(row -> row.get(key.column()), column);
    }
    return result;
  }

  private void checkSort(GeneratedTable table, List<SortKey> keys, long offset, long fetch,
      int parallelism, int batchSize) {
    List<List<Object>> expected = new ArrayList<>(table.rows());
    expected.sort(order(keys));
    int from = (int) Math.min(offset, expected.size());
    int to = fetch < 0 ? expected.size() : (int) Math.min(expected.size(), from + fetch);
    List<List<Object>> actual = run(runner, root,
        new SortNode(Plans.scanAll(table), keys, offset, fetch), parallelism, batchSize);
    assertEquals(expected.subList(from, to), actual);
  }

  @Test
  void sortsByStringAscendingNullsFirstThenIdDescending() {
    checkSort(new GeneratedTable(8, 45), List.of(new SortKey(GeneratedTable.NAME, true, true),
        new SortKey(GeneratedTable.ID, false, false)), 0, -1, 4, 32);
  }

  @Test
  void sortsByEveryKindWithMixedDirectionsAndNullPlacement() {
    GeneratedTable table = new GeneratedTable(6, 50);
    checkSort(table, List.of(new SortKey(GeneratedTable.DAY, false, true),
        new SortKey(GeneratedTable.FLAG, true, false),
        new SortKey(GeneratedTable.AMOUNT, false, false),
        new SortKey(GeneratedTable.ID, true, false)), 0, -1, 3, 20);
    checkSort(table, List.of(new SortKey(GeneratedTable.BUCKET, false, false),
        new SortKey(GeneratedTable.AMOUNT, true, true),
        new SortKey(GeneratedTable.ID, false, true)), 0, -1, 1, 7);
  }

  @Test
  void offsetAppliesAfterSorting() {
    checkSort(new GeneratedTable(5, 30), List.of(new SortKey(GeneratedTable.ID, false, false)),
        17, -1, 3, 10);
  }

  @Test
  void topNKeepsOnlyTheFirstRowsPerDriverAndMerges() {
    GeneratedTable table = new GeneratedTable(10, 120);
    List<SortKey> keys = List.of(new SortKey(GeneratedTable.AMOUNT, false, false),
        new SortKey(GeneratedTable.ID, true, false));
    // Small batches so that each driver compacts its buffer many times.
    checkSort(table, keys, 5, 20, 4, 8);
    checkSort(table, keys, 0, 1, 2, 16);
    checkSort(table, keys, 0, 0, 2, 16);
    checkSort(table, keys, 1190, 50, 3, 64);
  }

  @Test
  void topNDropsRowsThatCannotBeatItsLastKeptRowWithNullsPlacedEitherWay() {
    // Once a driver holds its first rows, each arriving row is compared with the last of them
    // and dropped unless it sorts before it; NULL keys must sort where their placement says.
    GeneratedTable table = new GeneratedTable(11, 150);
    for (boolean nullsFirst : new boolean[] {true, false}) {
      List<SortKey> keys = List.of(new SortKey(GeneratedTable.BUCKET, false, nullsFirst),
          new SortKey(GeneratedTable.ID, true, false));
      checkSort(table, keys, 0, 7, 1, 8);
      checkSort(table, keys, 3, 9, 3, 5);
    }
  }

  @Test
  void sortedOutputKeepsItsOrderThroughAProjection() {
    GeneratedTable table = new GeneratedTable(4, 40);
    SortNode sort = new SortNode(Plans.scanAll(table),
        List.of(new SortKey(GeneratedTable.NAME, false, false),
            new SortKey(GeneratedTable.ID, true, false)), 0, -1);
    ProjectNode project = new ProjectNode(sort,
        List.of(new ColumnReference(GeneratedTable.ID, DataType.BIGINT)),
        RowType.of(new Column("id", DataType.BIGINT)));
    List<List<Object>> expected = table.rows().stream()
        .sorted(order(sort.keys())).map(row -> List.<Object>of(row.get(GeneratedTable.ID)))
        .toList();
    assertEquals(expected, run(runner, root, project, 3, 16));
  }

  @Test
  void limitStopsReadingOnceItHasItsRows() {
    GeneratedTable table = new GeneratedTable(200, 50);
    List<List<Object>> rows = run(runner, root,
        new LimitNode(Plans.scanAll(table), 0, 10), 2, 10);
    assertEquals(10, rows.size());
    assertTrue(table.openedSplits() < 20, "opened " + table.openedSplits() + " of 200 splits");
  }

  @Test
  void limitAppliesOffsetAndFetchToTheWholeStream() {
    GeneratedTable table = new GeneratedTable(10, 20);
    List<List<Object>> rows = run(runner, root,
        new LimitNode(Plans.scanAll(table), 25, 40), 3, 7);
    assertEquals(40, rows.size());
    assertEquals(40, new HashSet<>(rows).size());
    assertTrue(table.rows().containsAll(rows));
    assertEquals(200 - 25, run(runner, root,
        new LimitNode(Plans.scanAll(new GeneratedTable(10, 20)), 25, -1), 3, 7).size());
    assertEquals(200, run(runner, root,
        new LimitNode(Plans.scanAll(new GeneratedTable(10, 20)), 0, 1000), 3, 7).size());
  }

  @Test
  void limitOverSortedInputReturnsTheFirstRowsInOrder() {
    GeneratedTable table = new GeneratedTable(6, 30);
    List<SortKey> keys = List.of(new SortKey(GeneratedTable.DAY, true, false),
        new SortKey(GeneratedTable.ID, false, false));
    LimitNode limit = new LimitNode(new SortNode(Plans.scanAll(table), keys, 0, -1), 3, 11);
    List<List<Object>> expected = new ArrayList<>(table.rows());
    expected.sort(order(keys));
    assertEquals(expected.subList(3, 14), run(runner, root, limit, 3, 4));
  }
}
