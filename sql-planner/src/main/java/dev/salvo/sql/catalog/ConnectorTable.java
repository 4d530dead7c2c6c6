package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.type.Column;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableBitSet;

/** Presents an executor {@link TableSource} to Calcite's validator and planner. */
public final class ConnectorTable extends AbstractTable implements TranslatableTable {
  private final TableSource source;

  public ConnectorTable(TableSource source) {
    this.source = source;
  }

  public TableSource source() {
    return source;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column column : source.rowType().columns()) {
      builder.add(column.name(), TypeConversion.toRelDataType(column.type(), typeFactory));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    List<ImmutableBitSet> keys = source.uniqueKeys().stream().map(ImmutableBitSet::of).toList();
    return Statistics.of(source.estimatedRowCount(), keys);
  }

  /** A plain scan, as for any table; needed so that table functions can return this table. */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }
}
