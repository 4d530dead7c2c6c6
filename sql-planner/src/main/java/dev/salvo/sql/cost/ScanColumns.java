package dev.salvo.sql.cost;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.sql.catalog.ConnectorTable;
import dev.salvo.sql.rel.SalvoTableScan;
import java.util.OptionalDouble;
import org.apache.calcite.rel.core.TableScan;

/**
 * What the statistics of a scanned table say about the scan's output fields: a scan of Salvo's
 * own convention produces a subset of the table's columns, a logical scan all of them.
 */
final class ScanColumns {
  private final TableSource source;
  private final TableScan scan;

  private ScanColumns(TableSource source, TableScan scan) {
    this.source = source;
    this.scan = scan;
  }

  /** The scan's columns, or null when it reads no connector table. */
  static ScanColumns of(TableScan scan) {
    ConnectorTable table = scan.getTable().unwrap(ConnectorTable.class);
    return table == null ? null : new ScanColumns(table.source(), scan);
  }

  /** The distinct non-null values of output field {@code field} in the whole table. */
  OptionalDouble distinctCount(int field) {
    int column = scan instanceof SalvoTableScan salvo ? salvo.projects().get(field) : field;
    return source.distinctCount(column);
  }
}
