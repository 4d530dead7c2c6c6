package dev.salvo.sql.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

/** Re-chunks the stream into batches of at most the given rows. */
public final class SalvoRechunk extends SingleRel implements SalvoRel {
  private final int rows;

  public SalvoRechunk(RelOptCluster cluster, RelTraitSet traits, RelNode input, int rows) {
    super(cluster, traits, input);
    this.rows = rows;
  }


  /** The most rows in one batch. */
  public int rows() {
    return rows;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SalvoRechunk(getCluster(), traitSet, sole(inputs), rows);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer).item("batch_rows", rows);
  }
}
