package dev.salvo.sql.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.ImmutableIntList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Scans a table producing only the columns {@code projects} (positions in the table) and, when
 * {@code filter} is set, only the rows it accepts; the filter refers to the projected columns.
 */
public final class SalvoTableScan extends TableScan implements SalvoRel {
  private final ImmutableIntList projects;
  private final @Nullable RexNode filter;

  public SalvoTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      ImmutableIntList projects, @Nullable RexNode filter) {
    super(cluster, traitSet, List.of(), table);
    this.projects = projects;
    this.filter = filter;
  }

  /** A scan of every column of {@code table}, with no filter. */
  public static SalvoTableScan of(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table) {
    return new SalvoTableScan(cluster, traitSet, table,
        ImmutableIntList.identity(table.getRowType().getFieldCount()), null);
  }

  public ImmutableIntList projects() {
    return projects;
  }

  public @Nullable RexNode filter() {
    return filter;
  }

  public SalvoTableScan withProjects(ImmutableIntList newProjects, @Nullable RexNode newFilter) {
    return new SalvoTableScan(getCluster(), getTraitSet(), getTable(), newProjects, newFilter);
  }

  public SalvoTableScan withFilter(@Nullable RexNode newFilter) {
    return new SalvoTableScan(getCluster(), getTraitSet(), getTable(), projects, newFilter);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SalvoTableScan(getCluster(), traitSet, getTable(), projects, filter);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> fields = getTable().getRowType().getFieldList();
    List<RelDataTypeField> projected = new ArrayList<>(projects.size());
    for (int index : projects) {
      projected.add(fields.get(index));
    }
    return getCluster().getTypeFactory().createStructType(projected);
  }

  @Override
  public RelWriter explainTerms(RelWriter writer) {
    return super.explainTerms(writer)
        .itemIf("projects", projects, projects.size() != getTable().getRowType().getFieldCount())
        .itemIf("filter", filter, filter != null);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery metadata) {
    double rows = getTable().getRowCount();
    return filter == null ? rows : rows * metadata.getSelectivity(this, filter) ;
  }

  @Override
  public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery metadata) {
    // Reading fewer columns and evaluating the filter inside the scan must look cheaper than a
    // full scan followed by a separate Filter or Project, so the pushdown rules win.
    double rows = getTable().getRowCount();
    double columnShare = (projects.size() + 1.0) / (getTable().getRowType().getFieldCount() + 1.0);
    double filterShare = filter == null ? 1.0 : 0.9;
    return planner.getCostFactory().makeCost(rows * columnShare * filterShare, rows, 0);
  }
}
