package dev.salvo.sql.cost;

import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Row counts of joins on equalities whose columns on one side are unique (a foreign key joined
 * to its primary key, typically): each row of the other side then meets at most one row, and
 * it survives as often as the key's rows survived the filters and joins below. Calcite multiplies
 * both sides' counts by a fixed selectivity instead, which put TPC-H Q21's few thousand outer
 * rows at billions, so the six million lineitems looked like the smaller side to build.
 */
final class UniqueKeyJoins {
  private UniqueKeyJoins() {}

  /** The estimate, or null when neither side's join columns are unique. */
  static @Nullable Double rowCount(Join join, RelMetadataQuery metadata) {
    JoinRelType type = join.getJoinType();
    if (!type.projectsRight()) {
      return null;
    }
    JoinInfo info = join.analyzeCondition();
    Double leftRows = metadata.getRowCount(join.getLeft());
    Double rightRows = metadata.getRowCount(join.getRight());
    if (info.leftKeys.isEmpty() || leftRows == null || rightRows == null) {
      return null;
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
      return null;
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
