package dev.salvo.sql.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.DistinctValueSketches;
import dev.salvo.exec.connector.storage.TestSketches;
import dev.salvo.exec.connector.storage.UniqueColumn;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every catalog store database must do; subclasses say which database. */
abstract class CatalogStoreContract {
  private static final RowType ROW_TYPE = RowType.of(
      new Column("id", DataType.BIGINT.withNullable(false)),
      new Column("price", DataType.decimal(12, 3)),
      new Column("label", DataType.varchar(20)));

  /** A store configuration on an empty database, the same one on every call of one test. */
  abstract CatalogStoreConfig config();

  @Test
  void tableVersionsCommitAndSurviveReopening() {
    long id;
    try (CatalogStore store = CatalogStore.open(config())) {
      assertTrue(store.createSchema("Sales", false));
      assertFalse(store.createSchema("sales", true));
      StoredTable table = store.createTable("sales", "Orders", ROW_TYPE, "sales/orders-1",
          List.of(file("a", 10)), false).orElseThrow();
      assertEquals(List.of(new UniqueColumn(0, 1, 10)), table.files().get(0).uniqueColumns());
      id = table.id();
      assertEquals(1, table.version());
      store.appendFiles(id, List.of(file("b", 5)));
      StoredTable appended = store.snapshot().table("SALES", "orders").orElseThrow();
      assertEquals(2, appended.version());
      assertEquals(15, appended.rowCount());
      store.createView("sales", "big", ROW_TYPE, "SELECT * FROM sales.orders", false);
    }
    try (CatalogStore store = CatalogStore.open(config())) {
      StoredTable table = store.snapshot().table("sales", "orders").orElseThrow();
      assertEquals("Orders", table.name());
      assertEquals("Sales", table.schemaName());
      assertEquals(ROW_TYPE, table.rowType());
      assertEquals(List.of(file("a", 10), file("b", 5)), table.files());
      assertEquals("SELECT * FROM sales.orders",
          store.snapshot().view("sales", "big").orElseThrow().sql());

      SalvoException stale = assertThrows(SalvoException.class,
          () -> store.replaceFiles(id, 1, List.of(), "DELETE"));
      assertEquals(ErrorCode.TRANSACTION_CONFLICT, stale.code());
      assertEquals(15, store.snapshot().table("sales", "orders").orElseThrow().rowCount());
      store.replaceFiles(id, 2, List.of(file("c", 3)), "DELETE");
      assertEquals(List.of(file("c", 3)),
          store.snapshot().table("sales", "orders").orElseThrow().files());

      SalvoException notEmpty = assertThrows(SalvoException.class,
          () -> store.dropSchema("sales", false, false));
      assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, notEmpty.code());
      assertEquals(1, store.dropSchema("sales", false, true).size());
      assertTrue(store.snapshot().schema("sales").isEmpty());
    }
    try (CatalogStore store = CatalogStore.open(config())) {
      assertEquals(List.of(CatalogStore.DEFAULT_SCHEMA), store.snapshot().schemaNames());
      assertEquals(List.of(), store.snapshot().allTables());
    }
  }

  @Test
  void namesAreUniqueAcrossTablesAndViewsIgnoringCase() {
    try (CatalogStore store = CatalogStore.open(config())) {
      store.createTable("main", "t", ROW_TYPE, "main/t-1", List.of(), false);
      SalvoException table = assertThrows(SalvoException.class,
          () -> store.createTable("main", "T", ROW_TYPE, "main/t-2", List.of(), false));
      assertEquals(ErrorCode.TABLE_ALREADY_EXISTS, table.code());
      SalvoException view = assertThrows(SalvoException.class,
          () -> store.createView("main", "t", ROW_TYPE, "SELECT 1", true));
      assertEquals(ErrorCode.TABLE_ALREADY_EXISTS, view.code());
      SalvoException wrongKind = assertThrows(SalvoException.class,
          () -> store.dropView("main", "t", false));
      assertEquals(ErrorCode.WRONG_OBJECT_TYPE, wrongKind.code());
      SalvoException noSchema = assertThrows(SalvoException.class,
          () -> store.createTable("nowhere", "t", ROW_TYPE, "x/t-1", List.of(), false));
      assertEquals(ErrorCode.SCHEMA_NOT_FOUND, noSchema.code());
      assertTrue(store.dropTable("main", "t", false).isPresent());
      assertTrue(store.dropTable("main", "t", true).isEmpty());
    }
  }

  @Test
  void aMergedFileReplacesItsFilesOnlyWhileAllOfThemAreCurrent() {
    long id;
    try (CatalogStore store = CatalogStore.open(config())) {
      id = store.createTable("main", "t", ROW_TYPE, "main/t-1", List.of(file("a", 10)), false)
          .orElseThrow().id();
      store.appendFiles(id, List.of(file("b", 1)));
      store.appendFiles(id, List.of(file("c", 1)));
      assertTrue(store.replaceWithMergedFile(id, List.of(file("b", 1), file("c", 1)),
          file("bc", 2)));
      StoredTable merged = store.snapshot().table("main", "t").orElseThrow();
      assertEquals(List.of(file("a", 10), file("bc", 2)), merged.files());
      assertEquals(4, merged.version());

      // b is gone now: merging it again would bring back rows the table no longer has.
      assertFalse(store.replaceWithMergedFile(id, List.of(file("b", 1)), file("b2", 1)));
      assertEquals(merged, store.snapshot().table("main", "t").orElseThrow());
      assertFalse(store.replaceWithMergedFile(id + 1000, List.of(), file("x", 1)));
    }
    try (CatalogStore store = CatalogStore.open(config())) {
      assertEquals(List.of(file("a", 10), file("bc", 2)),
          store.snapshot().table("main", "t").orElseThrow().files());
    }
  }

  @Test
  void statisticsFollowEveryVersionAndSurviveReopening() {
    long id;
    try (CatalogStore store = CatalogStore.open(config())) {
      StoredTable created = store.createTable("main", "t", ROW_TYPE, "main/t-1",
          List.of(sketched("a", 1, 1000)), false).orElseThrow();
      id = created.id();
      assertEquals(1000, ids(created), 50);
      // INSERT merges: 500 of the 1000 new ids are new.
      StoredTable appended = store.appendFiles(id, List.of(sketched("b", 501, 1000)));
      assertEquals(1500, ids(appended), 75);
      // Merging files keeps the rows, so the statistics stay.
      assertTrue(store.replaceWithMergedFile(id, List.of(file("a", 1000), file("b", 1000)),
          sketched("ab", 1, 1500)));
      assertEquals(appended.distinctValues(),
          store.snapshot().table("main", "t").orElseThrow().distinctValues());
    }
    try (CatalogStore store = CatalogStore.open(config())) {
      StoredTable reopened = store.snapshot().table("main", "t").orElseThrow();
      assertEquals(1500, ids(reopened), 75);
      // DELETE rewrites the rows it keeps, whose sketches are exact again.
      StoredTable deleted = store.replaceFiles(id, reopened.version(),
          List.of(sketched("c", 1, 100)), "DELETE");
      assertEquals(100, ids(deleted), 5);
      // A table without statistics, as one written before they were kept, stays without
      // them through INSERTs, until ANALYZE sets them.
      StoredTable unknown = store.setStatistics(id, deleted.version(),
          DistinctValueSketches.none());
      assertTrue(unknown.distinctValues().isEmpty());
      assertTrue(store.appendFiles(id, List.of(sketched("d", 1, 10))).distinctValues().isEmpty());
      SalvoException stale = assertThrows(SalvoException.class,
          () -> store.setStatistics(id, deleted.version(), TestSketches.ofRange(0, 1, 3)));
      assertEquals(ErrorCode.TRANSACTION_CONFLICT, stale.code());
      long current = store.snapshot().table("main", "t").orElseThrow().version();
      store.setStatistics(id, current, TestSketches.ofRange(0, 1, 110));
    }
    try (CatalogStore store = CatalogStore.open(config())) {
      assertEquals(110, ids(store.snapshot().table("main", "t").orElseThrow()), 5);
    }
  }

  private static double ids(StoredTable table) {
    return table.distinctValues().distinctCount(0).orElseThrow();
  }

  /** A file holding ids first..first+rows-1, sketched. */
  private static DataFile sketched(String name, long first, long rows) {
    DataFile plain = file(name, rows);
    return new DataFile(plain.fileName(), rows, 1, rows * 100, plain.uniqueColumns(),
        TestSketches.ofRange(0, first, rows));
  }

  /** A file whose id column is distinct from 1 to rows, a fact the store must keep. */
  private static DataFile file(String name, long rows) {
    return new DataFile(name + ".arrow", rows, 1, rows * 100,
        List.of(new UniqueColumn(0, 1, rows)));
  }
}
