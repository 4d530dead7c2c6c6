package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** The logical form of an INTO_BATCHES hint, placed right after conversion to relational algebra so the logical rewrites keep it where the hint put it. */
public final class LogicalRechunk extends SingleRel {
  private final int rows;

  public LogicalRechunk(RelOptCluster cluster, RelTraitSet traits, RelNode input, int rows) {
    super(cluster, traits, input);
    this.rows = rows;
  }

  /** A logical re-chunking of {@code input}. */
  public static LogicalRechunk create(RelNode input, int rows) {
    return new LogicalRechunk(input.getCluster(), input.getCluster().traitSetOf(Convention.NONE),
        input, rows);
  }

  /** The most rows in one batch. */
  public int rows() {
    return rows;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalRechunk(getCluster(), traitSet, sole(inputs), rows);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer).item("batch_rows", rows);
  }
}
