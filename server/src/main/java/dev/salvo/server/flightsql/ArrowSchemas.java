package dev.salvo.server.flightsql;

import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow schemas for what Flight SQL clients show as column metadata: each field carries the SQL
 * type name, precision and scale (JDBC's getColumnTypeName, getPrecision, getScale), and for a
 * table's columns the table it belongs to.
 */
final class ArrowSchemas {
  private ArrowSchemas() {}

  /** The schema of a query result or a parameter list. */
  static Schema of(RowType rowType) {
    return of(rowType, null, null, null);
  }

  /** The schema of a table's columns, each naming its catalog, schema and table. */
  static Schema of(RowType rowType, String catalog, String schema, String table) {
    List<Field> fields = new ArrayList<>(rowType.size());
    for (Column column : rowType.columns()) {
      DataType type = column.type();
      FlightSqlColumnMetadata.Builder metadata = new FlightSqlColumnMetadata.Builder()
          .typeName(type.sqlName())
          .precision(precision(type))
          .scale(type.scale())
          .isAutoIncrement(false)
          .isCaseSensitive(false)
          .isReadOnly(true)
          .isSearchable(true);
      if (table != null) {
        metadata.catalogName(catalog).schemaName(schema).tableName(table);
      }
      fields.add(type.toField(column.name(), metadata.build().getMetadataMap()));
    }
    return new Schema(fields);
  }

  /** JDBC's column size: digits for numbers, characters for text and temporal values. */
  static int precision(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 1;
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case DOUBLE -> 15;
      case DECIMAL -> type.precision();
      case VARCHAR -> type.precision() > 0 ? type.precision() : Integer.MAX_VALUE;
      case VARBINARY -> Integer.MAX_VALUE;
      case DATE -> 10;
      case TIME -> 12;
      case TIMESTAMP -> 26;
      default -> 0;
    };
  }
}
