package dev.salvo.sql.cost;

import java.util.List;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.metadata.RelMdRowCount;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Row counts of equi-joins from the distinct values of their keys: each row of one side meets
 * the rows of the other that share its key, so an inner join on one key returns
 * {@code |L| x |R| / max(ndv(L.key), ndv(R.key))} rows (the textbook estimate that assumes the
 * side with fewer key values finds all of them in the other); with several keys, the smallest
 * of these; times Calcite's guess for any condition that is not an equality of keys. A join on a
 * unique key is also bounded by {@link UniqueKeyJoins}; the smaller estimate wins. Where neither
 * applies, and for semi and anti joins, Calcite's own estimate stands: a fixed selectivity per
 * equality, which cannot tell a join on a key of 25 nations from one on a key of a million
 * orders.
 */
public class SalvoMdRowCount extends RelMdRowCount {
  @Override
  public @Nullable Double getRowCount(Join join, RelMetadataQuery mq) {
    Double fromValues = equiJoinRowCount(join, mq);
    Double fromUniqueKeys = UniqueKeyJoins.rowCount(join, mq);
    if (fromValues == null && fromUniqueKeys == null) {
      return super.getRowCount(join, mq);
    }
    // Both bound the same join from above; the smaller knows more.
    if (fromValues == null || fromUniqueKeys == null) {
      return fromValues != null ? fromValues : fromUniqueKeys;
    }
    return Math.min(fromValues, fromUniqueKeys);
  }

  private static @Nullable Double equiJoinRowCount(Join join, RelMetadataQuery mq) {
    switch (join.getJoinType()) {
      case INNER, LEFT, RIGHT, FULL -> { }
      default -> {
        return null;
      }
    }
    JoinInfo info = join.analyzeCondition();
    if (info.leftKeys.isEmpty()) {
      return null;
    }
    Double left = mq.getRowCount(join.getLeft());
    Double right = mq.getRowCount(join.getRight());
    if (left == null || right == null) {
      return null;
    }
    // Each key pair alone allows |L| x |R| / max(ndv) rows. Keys of one join usually go
    // together (a part and one of its suppliers), so the most selective pair decides: counting
    // the pairs' combined values instead finds a distinct (partkey, suppkey) in every lineitem
    // row and expects a join to partsupp to shrink lineitem eightfold, where it keeps it all.
    Double bestRows = null;
    for (int i = 0; i < info.leftKeys.size(); i++) {
      Double leftValues = mq.getDistinctRowCount(join.getLeft(),
          ImmutableBitSet.of(info.leftKeys.get(i)), null);
      Double rightValues = mq.getDistinctRowCount(join.getRight(),
          ImmutableBitSet.of(info.rightKeys.get(i)), null);
      if (leftValues == null && rightValues == null) {
        continue;
      }
      double values = Math.max(leftValues == null ? 1.0 : leftValues,
          rightValues == null ? 1.0 : rightValues);
      double rows = left * right / Math.max(1.0, values);
      bestRows = bestRows == null ? rows : Math.min(bestRows, rows);
    }
    if (bestRows == null) {
      return null;
    }
    double inner = bestRows * remainderSelectivity(join, info);
    return switch (join.getJoinType()) {
      case INNER -> inner;
      // An outer side's unmatched rows come back once each.
      case LEFT -> Math.max(inner, left);
      case RIGHT -> Math.max(inner, right);
      default -> Math.max(inner, Math.max(left, right));
    };
  }

  private static double remainderSelectivity(Join join, JoinInfo info) {
    List<RexNode> remainder = info.nonEquiConditions;
    if (remainder.isEmpty()) {
      return 1.0;
    }
    return RelMdUtil.guessSelectivity(
        RexUtil.composeConjunction(join.getCluster().getRexBuilder(),
            remainder));
  }
}
