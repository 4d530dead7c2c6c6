package dev.salvo.sql.cost;

import dev.salvo.sql.rel.SalvoTableScan;
import java.util.Set;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Unique keys and column origins of Salvo scans, which read some of a table's columns. */
public final class ScanMetadata {
  private ScanMetadata() {}

  /**
   * Unique keys of a Salvo scan: Calcite's handler for scans asks the table about the scan's
   * output positions, which are not the table's when the scan reads some columns only.
   */
  public static final class ScanColumnUniqueness
      implements MetadataHandler<BuiltInMetadata.ColumnUniqueness> {
    @Override
    public MetadataDef<BuiltInMetadata.ColumnUniqueness> getDef() {
      return BuiltInMetadata.ColumnUniqueness.DEF;
    }

    public @Nullable Boolean areColumnsUnique(SalvoTableScan scan, RelMetadataQuery metadata,
        ImmutableBitSet columns, boolean ignoreNulls) {
      ImmutableBitSet.Builder tableColumns = ImmutableBitSet.builder();
      for (int column : columns) {
        tableColumns.set(scan.projects().get(column));
      }
      return scan.getTable().isKey(tableColumns.build());
    }
  }

  /**
   * Where a Salvo scan's columns come from: the table's columns it reads, by their position in
   * the table; and, for a set of equivalent plans inside the optimizer, its best (or first)
   * plan's, where Calcite knows none.
   */
  public static final class ScanColumnOrigins
      implements MetadataHandler<BuiltInMetadata.ColumnOrigin> {
    @Override
    public MetadataDef<BuiltInMetadata.ColumnOrigin> getDef() {
      return BuiltInMetadata.ColumnOrigin.DEF;
    }

    public @Nullable Set<RelColumnOrigin> getColumnOrigins(SalvoTableScan scan,
        RelMetadataQuery metadata, int column) {
      return Set.of(new RelColumnOrigin(scan.getTable(), scan.projects().get(column), false));
    }

    public @Nullable Set<RelColumnOrigin> getColumnOrigins(RelSubset subset,
        RelMetadataQuery metadata, int column) {
      return metadata.getColumnOrigins(Util.first(subset.getBest(), subset.getOriginal()),
          column);
    }
  }
}
