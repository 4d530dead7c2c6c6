package dev.salvo.sql.cost;

import java.util.OptionalDouble;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMdSelectivity;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Selectivity of predicates over a table scan that uses the table's distinct counts: a column
 * equal to a constant keeps one row in {@code ndv(column)}, a column in a list of k constants k
 * in {@code ndv}, a column different from a constant all but one in {@code ndv}. A LIKE with a
 * fixed prefix keeps fewer rows the longer the prefix. Any other conjunct, or a column without
 * statistics, keeps Calcite's fixed guess.
 */
public class SalvoMdSelectivity extends RelMdSelectivity {
  /** The fewest rows a LIKE with a fixed prefix is estimated to keep. */
  private static final double LIKE_FLOOR = 0.001;

  /** A heuristic planner's wrapper says nothing itself; its current node does. */
  public @Nullable Double getSelectivity(HepRelVertex vertex, RelMetadataQuery mq,
      @Nullable RexNode predicate) {
    return mq.getSelectivity(vertex.getCurrentRel(), predicate);
  }

  @Override
  public @Nullable Double getSelectivity(TableScan scan, RelMetadataQuery mq,
      @Nullable RexNode predicate) {
    ScanColumns columns = ScanColumns.of(scan);
    if (columns == null || predicate == null) {
      return super.getSelectivity(scan, mq, predicate);
    }
    double selectivity = 1.0;
    for (RexNode conjunct : RelOptUtil.conjunctions(predicate)) {
      selectivity *= conjunctSelectivity(conjunct, columns);
    }
    return selectivity;
  }

  private static double conjunctSelectivity(RexNode conjunct, ScanColumns columns) {
    if (conjunct instanceof RexCall call && call.getOperands().size() == 2) {
      RexNode first = call.getOperands().get(0);
      RexNode second = call.getOperands().get(1);
      RexInputRef column = first instanceof RexInputRef ref && second instanceof RexLiteral ? ref
          : second instanceof RexInputRef ref && first instanceof RexLiteral ? ref : null;
      OptionalDouble ndv = column == null ? OptionalDouble.empty()
          : columns.distinctCount(column.getIndex());
      if (ndv.isPresent() && ndv.getAsDouble() >= 1) {
        double distinct = ndv.getAsDouble();
        if (call.getKind() == SqlKind.EQUALS) {
          return 1.0 / distinct;
        }
        if (call.getKind() == SqlKind.NOT_EQUALS) {
          return 1.0 - 1.0 / distinct;
        }
        if (call.getKind() == SqlKind.SEARCH && second instanceof RexLiteral literal) {
          Sarg<?> sarg = literal.getValueAs(Sarg.class);
          if (sarg != null && sarg.isPoints()) {
            return Math.min(1.0, sarg.pointCount / distinct);
          }
          if (sarg != null && sarg.isComplementedPoints()) {
            return Math.max(0.0, 1.0 - sarg.negate().pointCount / distinct);
          }
        }
      }
    }
    double likePrefix = likePrefixSelectivity(conjunct);
    return likePrefix >= 0 ? likePrefix : RelMdUtil.guessSelectivity(conjunct);
  }

  /**
   * {@code column LIKE 'text%...'}: each fixed leading character halves the rows kept, from
   * Calcite's fixed guess for a pattern without one down to a floor: a long prefix says more
   * than a short one. -1 for any other conjunct.
   */
  private static double likePrefixSelectivity(RexNode conjunct) {
    if (!(conjunct instanceof RexCall call) || call.getKind() != SqlKind.LIKE
        || call.getOperands().size() != 2
        || !(call.getOperands().get(0) instanceof RexInputRef)
        || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
      return -1;
    }
    String pattern = literal.getValueAs(String.class);
    if (pattern == null) {
      return -1;
    }
    int prefix = 0;
    while (prefix < pattern.length() && pattern.charAt(prefix) != '%'
        && pattern.charAt(prefix) != '_') {
      prefix++;
    }
    double guess = RelMdUtil.guessSelectivity(conjunct);
    return prefix == 0 ? guess
        : Math.max(LIKE_FLOOR, Math.min(guess, Math.pow(0.5, prefix)));
  }
}
