package dev.salvo.sql.planner;

import dev.salvo.sql.rel.SalvoTableScan;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataDef;
import org.apache.calcite.rel.metadata.MetadataHandler;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMdRowCount;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's metadata with the corrections that decide join order and which side of a hash join
 * is built: row counts of joins on a unique key, and the unique keys and column origins of
 * scans that read some columns only (also while the optimizer still holds them in sets of
 * equivalent plans).
 */
public final class SalvoMetadataProvider {
  private SalvoMetadataProvider() {}

  /** Salvo's handlers first, Calcite's defaults for everything else. */
  public static final RelMetadataProvider INSTANCE = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new JoinRowCount(),
          BuiltInMetadata.RowCount.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new ScanColumnUniqueness(),
          BuiltInMetadata.ColumnUniqueness.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new ScanColumnOrigins(),
          BuiltInMetadata.ColumnOrigin.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  /**
   * Row counts as Calcite estimates them, except for an inner or outer join on equalities whose
   * columns on one side are unique (a foreign key joined to its primary key, typically): each
   * row of the other side then meets at most one row, and it survives as often as the key's
   * rows survived the filters and joins below. Calcite multiplies both sides' counts by a fixed
   * selectivity instead, which puts TPC-H Q21's few thousand outer rows at billions, so the
   * six million lineitems looked like the smaller side to build.
   */
  public static final class JoinRowCount extends RelMdRowCount {
    @Override
    public @Nullable Double getRowCount(Join join, RelMetadataQuery metadata) {
      JoinRelType type = join.getJoinType();
      if (!type.projectsRight()) {
        return super.getRowCount(join, metadata);
      }
      JoinInfo info = join.analyzeCondition();
      Double leftRows = metadata.getRowCount(join.getLeft());
      Double rightRows = metadata.getRowCount(join.getRight());
      if (info.leftKeys.isEmpty() || leftRows == null || rightRows == null) {
        return super.getRowCount(join, metadata);
      }
      Double estimate = null;
      if (isUnique(metadata, join.getRight(), info.rightKeys)) {
        estimate = leftRows * survivingShare(metadata, join.getRight(), info.rightKeys,
            rightRows);
      }
      if (isUnique(metadata, join.getLeft(), info.leftKeys)) {
        double other = rightRows * survivingShare(metadata, join.getLeft(), info.leftKeys,
            leftRows);
        estimate = estimate == null ? other : Math.min(estimate, other);
      }
      if (estimate == null) {
        return super.getRowCount(join, metadata);
      }
      if (!info.nonEquiConditions.isEmpty()) {
        Double selectivity = metadata.getSelectivity(join, RexUtil.composeConjunction(
            join.getCluster().getRexBuilder(), info.nonEquiConditions));
        estimate *= selectivity == null ? 1.0 : selectivity;
      }
      // Outer joins keep every row of their outer sides.
      if (type == JoinRelType.LEFT || type == JoinRelType.FULL) {
        estimate = Math.max(estimate, leftRows);
      }
      if (type == JoinRelType.RIGHT || type == JoinRelType.FULL) {
        estimate = Math.max(estimate, rightRows);
      }
      return Math.max(estimate, 1.0);
    }

    private static boolean isUnique(RelMetadataQuery metadata, RelNode rel, List<Integer> keys) {
      return Boolean.TRUE.equals(metadata.areColumnsUnique(rel, ImmutableBitSet.of(keys)));
    }

    /**
     * The share of a key's possible values that {@code rel} still holds: its rows over the rows
     * of the table whose unique key the join's columns come from. 1 (no rows assumed lost) when
     * they are not one table's key, such as the group keys of an aggregate over a foreign key.
     */
    private static double survivingShare(RelMetadataQuery metadata, RelNode rel,
        List<Integer> keys, double rows) {
      RelOptTable table = null;
      ImmutableBitSet.Builder tableColumns = ImmutableBitSet.builder();
      for (int key : keys) {
        Set<RelColumnOrigin> origins = metadata.getColumnOrigins(rel, key);
        if (origins == null || origins.size() != 1) {
          return 1.0;
        }
        RelColumnOrigin origin = origins.iterator().next();
        if (origin.isDerived() || (table != null
            && !table.getQualifiedName().equals(origin.getOriginTable().getQualifiedName()))) {
          return 1.0;
        }
        table = origin.getOriginTable();
        tableColumns.set(origin.getOriginColumnOrdinal());
      }
      if (table == null || table.getRowCount() <= 0
          || !table.isKey(tableColumns.build())) {
        return 1.0;
      }
      return Math.min(1.0, rows / table.getRowCount());
    }
  }

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
