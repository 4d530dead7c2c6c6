package dev.salvo.exec.type;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** The ordered columns of a batch, a plan node's output or a table. */
public record RowType(List<Column> columns) {
  public RowType {
    columns = List.copyOf(columns);
  }

  public static RowType of(Column... columns) {
    return new RowType(List.of(columns));
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  public DataType type(int index) {
    return columns.get(index).type();
  }

  /** The columns at the given positions, in that order. */
  public RowType project(List<Integer> indexes) {
    List<Column> projected = new ArrayList<>(indexes.size());
    for (int index : indexes) {
      projected.add(columns.get(index));
    }
    return new RowType(projected);
  }

  public Schema toArrowSchema() {
    List<Field> fields = new ArrayList<>(columns.size());
    for (Column column : columns) {
      fields.add(column.type().toField(column.name()));
    }
    return new Schema(fields);
  }
}
