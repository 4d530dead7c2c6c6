package dev.salvo.exec.connector.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TpchConnectorTest {
  private static final double TINY = 0.01;

  private final BufferAllocator allocator = new RootAllocator();
  private final TpchConnector connector =
      new TpchConnector(Map.of("tiny", TINY, "sf1", 1.0, "sf0_1", 0.1));

  @AfterEach
  void closeAllocator() {
    allocator.close(); // fails the test if any buffer leaked
  }

  @Test
  void schemasAreOrderedByScaleFactorAndUnknownSchemaIsEmpty() {
    assertEquals(List.of("tiny", "sf0_1", "sf1"), List.copyOf(connector.schemaNames()));
    assertEquals(List.of("part", "supplier", "partsupp", "customer", "orders", "lineitem",
            "nation", "region").stream().sorted().toList(),
        connector.tables("tiny").keySet().stream().sorted().toList());
    assertTrue(connector.tables("nope").isEmpty());
    assertEquals("tpch.tiny.lineitem", connector.tables("tiny").get("lineitem").name());
  }

  @Test
  void lineitemColumnsHaveTpchNamesAndExactNotNullTypes() {
    TableSource lineitem = connector.tables("tiny").get("lineitem");
    assertEquals("l_orderkey", lineitem.rowType().column(0).name());
    assertEquals(DataType.BIGINT.withNullable(false), lineitem.rowType().type(0));
    assertEquals(DataType.INTEGER.withNullable(false), lineitem.rowType().type(3));
    assertEquals(DataType.decimal(15, 2).withNullable(false), lineitem.rowType().type(4));
    assertEquals(DataType.DATE.withNullable(false), lineitem.rowType().type(10));
    assertEquals(DataType.VARCHAR.withNullable(false), lineitem.rowType().type(15));
    lineitem.rowType().columns().forEach(column -> assertFalse(column.type().nullable()));
  }

  @Test
  void rowCountsAtTinyMatchTheTpchSpecification() {
    Map<String, Long> expected = Map.of("region", 5L, "nation", 25L, "supplier", 100L,
        "customer", 1_500L, "part", 2_000L, "partsupp", 8_000L, "orders", 15_000L,
        "lineitem", 60_175L);
    for (Map.Entry<String, Long> entry : expected.entrySet()) {
      TableSource table = connector.tables("tiny").get(entry.getKey());
      assertEquals(entry.getValue(), countRows(table, table.splits(1), List.of()),
          entry.getKey());
      // The estimate is only a guide, but it should be in the right ballpark.
      double ratio = (double) table.estimatedRowCount() / entry.getValue();
      assertTrue(ratio > 0.9 && ratio < 1.1, entry.getKey() + " estimate ratio " + ratio);
    }
  }

  @Test
  void firstRowsOfEveryTableMatchTheLibrarysRows() {
    for (TableSource table : connector.tables("tiny").values()) {
      List<Integer> allColumns = IntStream.range(0, table.rowType().size()).boxed().toList();
      List<List<Object>> rows = readRows(table, table.splits(1).get(0), allColumns, 7, 50);
      @SuppressWarnings("unchecked")
      TpchTable<TpchEntity> library =
          (TpchTable<TpchEntity>) TpchTable.getTable(
              table.name().substring(table.name().lastIndexOf('.') + 1));
      Iterator<TpchEntity> expectedRows = library.createGenerator(TINY, 1, 1).iterator();
      for (List<Object> row : rows) {
        TpchEntity expected = expectedRows.next();
        for (int c = 0; c < allColumns.size(); c++) {
          TpchColumn<TpchEntity> column = library.getColumns().get(c);
          assertEquals(expectedValue(column, expected), row.get(c),
              table.name() + "." + column.getColumnName() + " row " + expected.getRowNumber());
        }
      }
    }
  }

  @Test
  void firstLineitemMatchesTheLibrarysLineItemObject() {
    TableSource lineitem = connector.tables("tiny").get("lineitem");
    List<Object> row = readRows(lineitem, lineitem.splits(1).get(0),
        List.of(0, 3, 4, 5, 6, 10), 1, 1).get(0);
    LineItem expected = (LineItem) TpchTable.LINE_ITEM.createGenerator(TINY, 1, 1)
        .iterator().next();
    assertEquals(expected.getOrderKey(), row.get(0));
    assertEquals((long) expected.getLineNumber(), row.get(1));
    assertEquals(BigDecimal.valueOf(expected.getQuantity()).setScale(2), row.get(2));
    assertEquals(BigDecimal.valueOf(expected.getExtendedPriceInCents(), 2), row.get(3));
    assertEquals(BigDecimal.valueOf(expected.getDiscountPercent(), 2), row.get(4));
    assertEquals(LocalDate.ofEpochDay(expected.getShipDate()), row.get(5));
  }

  @Test
  void projectionProducesOnlyTheRequestedColumnsInTheRequestedOrder() {
    TableSource lineitem = connector.tables("tiny").get("lineitem");
    TableSplit split = lineitem.splits(1).get(0);
    List<List<Object>> all = readRows(lineitem, split,
        IntStream.range(0, 16).boxed().toList(), 100, 300);
    try (BatchReader reader = lineitem.open(split, List.of(5, 0, 14), allocator, 100)) {
      try (Batch batch = reader.next()) {
        assertEquals(3, batch.columnCount());
        assertEquals("l_extendedprice", batch.column(0).getName());
        assertEquals("l_orderkey", batch.column(1).getName());
        assertEquals("l_shipmode", batch.column(2).getName());
        assertEquals(lineitem.rowType().type(5).toArrowType(),
            batch.column(0).getField().getType());
        for (int row = 0; row < batch.rowCount(); row++) {
          assertEquals(all.get(row).get(5), VectorValues.get(batch.column(0), row));
          assertEquals(all.get(row).get(0), VectorValues.get(batch.column(1), row));
          assertEquals(all.get(row).get(14), VectorValues.get(batch.column(2), row));
        }
      }
    }
  }

  @Test
  void batchesNeverExceedTheBatchSize() {
    TableSource orders = connector.tables("tiny").get("orders");
    int batches = 0;
    long rows = 0;
    try (BatchReader reader = orders.open(orders.splits(1).get(0), List.of(0), allocator, 4096)) {
      Batch next;
      while ((next = reader.next()) != null) {
        try (Batch batch = next) {
          assertTrue(batch.rowCount() > 0 && batch.rowCount() <= 4096);
          rows += batch.rowCount();
          batches++;
        }
      }
      assertNull(reader.next());
    }
    assertEquals(15_000, rows);
    assertEquals(4, batches);
  }

  @Test
  void splitsCoverEveryRowExactlyOnce() {
    TableSource lineitem = connector.tables("tiny").get("lineitem");
    Set<List<Object>> whole = new HashSet<>(
        readRows(lineitem, lineitem.splits(1).get(0), List.of(0, 3), 1000, Integer.MAX_VALUE));
    List<TableSplit> splits = lineitem.splits(7);
    assertEquals(7, splits.size());
    List<List<Object>> pieces = new ArrayList<>();
    for (TableSplit split : splits) {
      pieces.addAll(readRows(lineitem, split, List.of(0, 3), 1000, Integer.MAX_VALUE));
    }
    assertEquals(60_175, whole.size());
    assertEquals(whole.size(), pieces.size());
    assertEquals(whole, new HashSet<>(pieces));

    TableSource partsupp = connector.tables("tiny").get("partsupp");
    assertEquals(8_000, countRows(partsupp, partsupp.splits(3), List.of(0)));
  }

  @Test
  void smallTablesStayInOneSplitAndSplitCountIsCappedByRows() {
    TableSource nation = connector.tables("tiny").get("nation");
    assertEquals(1, nation.splits(8).size());
    assertEquals(25, countRows(nation, nation.splits(8), List.of(0, 1)));
    TableSource supplier = connector.tables("tiny").get("supplier");
    assertEquals(100, supplier.splits(1000).size());
    assertEquals(100, countRows(supplier, supplier.splits(1000), List.of(1)));
  }

  @Test
  void closingAReaderEarlyReleasesEverything() {
    TableSource lineitem = connector.tables("tiny").get("lineitem");
    try (BatchReader reader = lineitem.open(lineitem.splits(2).get(1),
        List.of(0, 5, 10, 15), allocator, 1000)) {
      Batch batch = reader.next();
      assertTrue(allocator.getAllocatedMemory() > 0);
      batch.close();
    }
    assertEquals(0, allocator.getAllocatedMemory());
  }

  @Test
  void emptyProjectionStillCountsRows() {
    TableSource customer = connector.tables("tiny").get("customer");
    assertEquals(1_500, countRows(customer, customer.splits(4), List.of()));
  }

  private static Object expectedValue(TpchColumn<TpchEntity> column, TpchEntity row) {
    return switch (column.getType().getBase()) {
      case IDENTIFIER -> column.getIdentifier(row);
      case INTEGER -> (long) column.getInteger(row);
      // Independent of the connector's exact path: round the library's double.
      case DOUBLE -> BigDecimal.valueOf(column.getDouble(row)).setScale(2, RoundingMode.HALF_UP);
      case DATE -> LocalDate.parse(column.getString(row));
      case VARCHAR -> column.getString(row);
    };
  }

  private long countRows(TableSource table, List<TableSplit> splits, List<Integer> columns) {
    long rows = 0;
    for (TableSplit split : splits) {
      try (BatchReader reader = table.open(split, columns, allocator, 1024)) {
        Batch next;
        while ((next = reader.next()) != null) {
          try (Batch batch = next) {
            assertEquals(columns.size(), batch.columnCount());
            rows += batch.rowCount();
          }
        }
      }
    }
    return rows;
  }

  private List<List<Object>> readRows(TableSource table, TableSplit split, List<Integer> columns,
      int batchSize, int limit) {
    List<List<Object>> rows = new ArrayList<>();
    try (BatchReader reader = table.open(split, columns, allocator, batchSize)) {
      Batch next;
      while (rows.size() < limit && (next = reader.next()) != null) {
        try (Batch batch = next) {
          for (int row = 0; row < batch.rowCount() && rows.size() < limit; row++) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++) {
              values.add(VectorValues.get(batch.column(c), row));
            }
            rows.add(values);
          }
        }
      }
    }
    return rows;
  }

  @Test
  void decimalColumnsAreTheOnlyNonIntegerNumbers() {
    for (TableSource table : connector.tables("tiny").values()) {
      table.rowType().columns().stream()
          .filter(column -> column.type().kind().isNumeric())
          .filter(column -> !column.type().kind().isInteger())
          .forEach(column -> assertEquals(TypeKind.DECIMAL, column.type().kind(), column.name()));
    }
  }
}
