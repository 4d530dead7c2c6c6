package dev.salvo.exec.runner;

import static dev.salvo.exec.runner.RunnerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScanFilterProjectTest {
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

  private static List<List<Object>> sortedById(List<List<Object>> rows) {
    List<List<Object>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(row -> (Long) row.get(0)));
    return sorted;
  }

  @Test
  void scanReadsEverySplitWithSeveralDrivers() {
    GeneratedTable table = new GeneratedTable(10, 57);
    List<List<Object>> rows = run(runner, root, Plans.scanAll(table), 4, 16);
    assertEquals(table.rows(), sortedById(rows));
    assertEquals(10, table.openedSplits());
  }

  @Test
  void scanProducesOnlyTheProjectedColumnsInTheirOrder() {
    GeneratedTable table = new GeneratedTable(3, 20);
    List<List<Object>> rows = run(runner, root,
        Plans.scan(table, List.of(GeneratedTable.ID, GeneratedTable.AMOUNT)), 2, 7);
    List<List<Object>> expected = table.rows().stream()
        .map(row -> Arrays.asList(row.get(GeneratedTable.ID), row.get(GeneratedTable.AMOUNT)))
        .toList();
    assertEquals(expected, sortedById(rows));
  }

  @Test
  void pushedScanFilterKeepsOnlyTrueRows() {
    GeneratedTable table = new GeneratedTable(6, 40);
    TableScanNode scan = new TableScanNode(table, List.of(GeneratedTable.ID, GeneratedTable.FLAG),
        Optional.of(new ColumnReference(1, DataType.BOOLEAN)));
    List<List<Object>> expected = table.rows().stream()
        .filter(row -> Boolean.TRUE.equals(row.get(GeneratedTable.FLAG)))
        .map(row -> Arrays.asList(row.get(GeneratedTable.ID), (Object) true))
        .toList();
    assertEquals(expected, sortedById(run(runner, root, scan, 3, 8)));
  }

  @Test
  void projectOverAFilteredScanGetsTheRowsWithoutTheFilterOnlyColumns() {
    GeneratedTable table = new GeneratedTable(6, 40);
    // The filter reads the flag and the name, the projection the amount and the id only.
    TableScanNode scan = new TableScanNode(table, List.of(GeneratedTable.ID,
        GeneratedTable.NAME, GeneratedTable.AMOUNT, GeneratedTable.FLAG),
        Optional.of(Call.of(ScalarFunction.AND, DataType.BOOLEAN,
            new ColumnReference(3, DataType.BOOLEAN),
            Call.of(ScalarFunction.IS_NOT_NULL, DataType.BOOLEAN,
                new ColumnReference(1, DataType.VARCHAR)))));
    RowType outputType = RowType.of(new Column("amount", DataType.decimal(12, 2)),
        new Column("id", DataType.BIGINT));
    ProjectNode project = new ProjectNode(scan, List.of(
        new ColumnReference(2, DataType.decimal(12, 2)), new ColumnReference(0, DataType.BIGINT)),
        outputType);
    List<List<Object>> expected = table.rows().stream()
        .filter(row -> Boolean.TRUE.equals(row.get(GeneratedTable.FLAG))
            && row.get(GeneratedTable.NAME) != null)
        .map(row -> Arrays.asList(row.get(GeneratedTable.AMOUNT), row.get(GeneratedTable.ID)))
        .sorted(Comparator.comparing(row -> (Long) row.get(1)))
        .toList();
    List<List<Object>> rows = new ArrayList<>(run(runner, root, project, 3, 8));
    rows.sort(Comparator.comparing(row -> (Long) row.get(1)));
    assertEquals(expected, rows);
  }

  @Test
  void filterNodeDropsFalseAndNullRows() {
    GeneratedTable table = new GeneratedTable(5, 33);
    FilterNode filter = new FilterNode(Plans.scanAll(table),
        new ColumnReference(GeneratedTable.FLAG, DataType.BOOLEAN));
    List<List<Object>> expected = table.rows().stream()
        .filter(row -> Boolean.TRUE.equals(row.get(GeneratedTable.FLAG))).toList();
    assertEquals(expected, sortedById(run(runner, root, filter, 2, 10)));
  }

  @Test
  void filterWithConstantConditionsPassesOrDropsWholeBatches() {
    GeneratedTable table = new GeneratedTable(4, 25);
    FilterNode all = new FilterNode(Plans.scanAll(table), new Literal(true, DataType.BOOLEAN));
    assertEquals(table.rows(), sortedById(run(runner, root, all, 2, 10)));
    FilterNode none = new FilterNode(Plans.scanAll(table), new Literal(false, DataType.BOOLEAN));
    assertEquals(List.of(), run(runner, root, none, 2, 10));
    FilterNode unknown = new FilterNode(Plans.scanAll(table), new Literal(null, DataType.BOOLEAN));
    assertEquals(List.of(), run(runner, root, unknown, 2, 10));
  }

  @Test
  void projectComputesColumnsWithTheOutputNames() {
    GeneratedTable table = new GeneratedTable(3, 10);
    RowType outputType = RowType.of(new Column("identifier", DataType.BIGINT),
        new Column("constant", DataType.VARCHAR), new Column("money", DataType.decimal(12, 2)));
    List<Expression> expressions = List.of(new ColumnReference(GeneratedTable.ID, DataType.BIGINT),
        new Literal("x", DataType.VARCHAR),
        new ColumnReference(GeneratedTable.AMOUNT, DataType.decimal(12, 2)));
    ProjectNode project = new ProjectNode(Plans.scanAll(table), expressions, outputType);
    List<List<Object>> expected = table.rows().stream()
        .map(row -> Arrays.asList(row.get(GeneratedTable.ID), "x", row.get(GeneratedTable.AMOUNT)))
        .toList();
    assertEquals(expected, sortedById(run(runner, root, project, 2, 4)));

    try (BufferAllocator allocator = root.newChildAllocator("names", 0, Long.MAX_VALUE);
        ResultStream stream = runner.execute(project, new QueryContext("q", allocator, 1, 100))) {
      try (Batch batch = stream.next()) {
        assertEquals(outputType.toArrowSchema().getFields().stream().map(f -> f.getName()).toList(),
            batch.root().getSchema().getFields().stream().map(f -> f.getName()).toList());
      }
    }
  }

  @Test
  void projectKeepsColumnsTwiceAndComputesFromTheColumnsItKeeps() {
    // The name is kept once (its vector moves over), the id twice (copied) and added to; the
    // other input columns are dropped. Leaked vectors fail the allocator's close.
    GeneratedTable table = new GeneratedTable(3, 10);
    RowType outputType = RowType.of(new Column("name", DataType.VARCHAR),
        new Column("id", DataType.BIGINT), new Column("again", DataType.BIGINT),
        new Column("next", DataType.BIGINT), new Column("name_length", DataType.BIGINT));
    ColumnReference id = new ColumnReference(GeneratedTable.ID, DataType.BIGINT);
    ColumnReference name = new ColumnReference(GeneratedTable.NAME, DataType.VARCHAR);
    List<Expression> expressions = List.of(name, id, id,
        new Call(ScalarFunction.ADD, List.of(id, new Literal(1L, DataType.BIGINT)),
            DataType.BIGINT),
        new Call(ScalarFunction.CHAR_LENGTH, List.of(name), DataType.BIGINT));
    ProjectNode project = new ProjectNode(Plans.scanAll(table), expressions, outputType);
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : table.rows()) {
      Object text = row.get(GeneratedTable.NAME);
      long key = (Long) row.get(GeneratedTable.ID);
      expected.add(Arrays.asList(text, key, key, key + 1,
          text == null ? null : (long) ((String) text).length()));
    }
    List<List<Object>> actual = new ArrayList<>(run(runner, root, project, 2, 4));
    actual.sort(java.util.Comparator.comparing(row -> (Long) row.get(1)));
    assertEquals(expected, actual);
  }

  @Test
  void valuesEmitsItsRowsInBatches() {
    RowType type = RowType.of(new Column("a", DataType.INTEGER),
        new Column("b", DataType.decimal(5, 1)));
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 25; i++) {
      rows.add(Arrays.asList(i, i % 4 == 0 ? null : BigDecimal.valueOf(i * 3, 1)));
    }
    assertEquals(rows, run(runner, root, new ValuesNode(type, rows), 4, 7));
    assertEquals(List.of(), run(runner, root, new ValuesNode(type, List.of()), 4, 7));
  }
}
