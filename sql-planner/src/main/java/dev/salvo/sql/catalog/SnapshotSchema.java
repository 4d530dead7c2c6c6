package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.storage.StoredTableSource;
import dev.salvo.sql.catalog.store.CatalogSnapshot;
import dev.salvo.sql.catalog.store.StoredTable;
import dev.salvo.sql.catalog.store.StoredView;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** One user schema as a catalog snapshot saw it: its tables at their versions, and its views. */
final class SnapshotSchema extends AbstractSchema {
  private final Map<String, Table> tables;

  SnapshotSchema(CatalogSnapshot snapshot, String schemaName, Path tablesDirectory) {
    Map<String, Table> map = new LinkedHashMap<>();
    for (StoredTable table : snapshot.tables(schemaName)) {
      // Salvo's committed data files never change, so scans may map them.
      map.put(table.name(), new ConnectorTable(new StoredTableSource(
          table.schemaName() + "." + table.name(), table.rowType(),
          tablesDirectory.resolve(table.directory()), table.files(), table.distinctValues(),
          true)));
    }
    for (StoredView view : snapshot.views(schemaName)) {
      map.put(view.name(), new StoredViewTable(view));
    }
    this.tables = Map.copyOf(map);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
