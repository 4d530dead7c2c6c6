package dev.salvo.sql.cost;

import java.util.OptionalDouble;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdDistinctRowCount;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Distinct values of a group of a scan's columns from the table's per-column distinct counts:
 * their product, at most the rows the scan returns, thinned by the predicate as
 * {@link #keptValues} says. A column without statistics leaves the estimate to Calcite
 * (which knows only unique keys).
 */
public class SalvoMdDistinctRowCount extends RelMdDistinctRowCount {
  /** A heuristic planner's wrapper says nothing itself; its current node does. */
  public @Nullable Double getDistinctRowCount(HepRelVertex vertex, RelMetadataQuery mq,
      ImmutableBitSet groupKey, @Nullable RexNode predicate) {
    return mq.getDistinctRowCount(vertex.getCurrentRel(), groupKey, predicate);
  }

  @Override
  public @Nullable Double getDistinctRowCount(TableScan scan, RelMetadataQuery mq,
      ImmutableBitSet groupKey, @Nullable RexNode predicate) {
    ScanColumns columns = ScanColumns.of(scan);
    Double rows = mq.getRowCount(scan);
    if (columns == null || rows == null) {
      return super.getDistinctRowCount(scan, mq, groupKey, predicate);
    }
    if (groupKey.isEmpty()) {
      return rows >= 1 ? 1.0 : 0.0;
    }
    double product = 1.0;
    for (int field : groupKey) {
      OptionalDouble distinct = columns.distinctCount(field);
      if (distinct.isEmpty()) {
        return super.getDistinctRowCount(scan, mq, groupKey, predicate);
      }
      product *= Math.max(1.0, distinct.getAsDouble());
    }
    double domain = Math.min(product, rows);
    if (predicate == null || predicate.isAlwaysTrue() || rows < 1) {
      return domain;
    }
    Double selectivity = mq.getSelectivity(scan, predicate);
    return keptValues(domain, rows, selectivity == null ? 1.0 : selectivity);
  }

  /**
   * The values left when a predicate keeps {@code share} of {@code rows} rows holding
   * {@code domain} values equally often: a value is lost only when none of its
   * {@code rows / domain} rows is kept. A key keeps one value per kept row; a column of few
   * values keeps nearly all of them.
   */
  static double keptValues(double domain, double rows, double share) {
    double kept = Math.max(0.0, Math.min(1.0, share));
    return domain * (1.0 - Math.pow(1.0 - kept, rows / domain));
  }
}
