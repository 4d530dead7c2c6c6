package dev.salvo.sql.catalog;

import dev.salvo.exec.type.Column;
import dev.salvo.sql.catalog.store.StoredView;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/** A stored view: planned by expanding its query text where a query names it. */
final class StoredViewTable extends AbstractTable implements TranslatableTable {
  private final StoredView view;

  StoredViewTable(StoredView view) {
    this.view = view;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column column : view.rowType().columns()) {
      builder.add(column.name(), TypeConversion.toRelDataType(column.type(), typeFactory));
    }
    return builder.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return context.expandView(relOptTable.getRowType(), view.sql(),
        List.of(view.schemaName()), List.of(view.schemaName(), view.name())).rel;
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return Schema.TableType.VIEW;
  }
}
