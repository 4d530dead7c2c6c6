package dev.salvo.exec.testing;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.plan.TableScanNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Small helpers for building test plans. */
public final class Plans {
  private Plans() {}

  /** Scans every column of {@code table}. */
  public static TableScanNode scanAll(TableSource table) {
    return new TableScanNode(table,
        IntStream.range(0, table.rowType().size()).boxed().toList(), Optional.empty());
  }

  public static TableScanNode scan(TableSource table, List<Integer> columns) {
    return new TableScanNode(table, columns, Optional.empty());
  }
}
