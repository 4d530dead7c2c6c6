package dev.salvo.server.flightsql;

import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import dev.salvo.sql.catalog.CatalogTable;
import dev.salvo.sql.catalog.SalvoCatalog;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Answers Flight SQL's metadata commands from the planner's catalog, so that what a BI tool
 * browses is exactly what queries can name. Salvo's tables have no keys: key commands answer
 * empty results.
 */
final class CatalogMetadata {
  static final String TABLE_TYPE = "TABLE";

  private final SalvoCatalog catalog;
  private final BufferAllocator allocator;

  CatalogMetadata(SalvoCatalog catalog, BufferAllocator allocator) {
    this.catalog = catalog;
    this.allocator = allocator;
  }

  VectorSchemaRoot catalogs() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : catalog.catalogNames()) {
      rows.add(Map.of("catalog_name", name));
    }
    return MetadataRows.fill(Schemas.GET_CATALOGS_SCHEMA, rows, allocator);
  }

  VectorSchemaRoot schemas(CommandGetDbSchemas command) {
    Pattern schemaPattern = likePattern(command.hasDbSchemaFilterPattern()
        ? command.getDbSchemaFilterPattern() : null);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : catalog.schemaNames().entrySet()) {
      if (command.hasCatalog() && !command.getCatalog().equals(entry.getKey())) {
        continue;
      }
      for (String schema : entry.getValue()) {
        if (schemaPattern.matcher(schema).matches()) {
          rows.add(Map.of("catalog_name", entry.getKey(), "db_schema_name", schema));
        }
      }
    }
    return MetadataRows.fill(Schemas.GET_SCHEMAS_SCHEMA, rows, allocator);
  }

  VectorSchemaRoot tables(CommandGetTables command) {
    Pattern schemaPattern = likePattern(command.hasDbSchemaFilterPattern()
        ? command.getDbSchemaFilterPattern() : null);
    Pattern tablePattern = likePattern(command.hasTableNameFilterPattern()
        ? command.getTableNameFilterPattern() : null);
    boolean typeWanted = command.getTableTypesCount() == 0
        || command.getTableTypesList().stream().anyMatch(TABLE_TYPE::equalsIgnoreCase);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CatalogTable table : catalog.tables()) {
      if (!typeWanted
          || command.hasCatalog() && !command.getCatalog().equals(table.catalog())
          || !schemaPattern.matcher(table.schema()).matches()
          || !tablePattern.matcher(table.table()).matches()) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("catalog_name", table.catalog());
      row.put("db_schema_name", table.schema());
      row.put("table_name", table.table());
      row.put("table_type", TABLE_TYPE);
      if (command.getIncludeSchema()) {
        row.put("table_schema", ArrowSchemas.of(table.rowType(), table.catalog(), table.schema(),
            table.table()).serializeAsMessage());
      }
      rows.add(row);
    }
    return MetadataRows.fill(command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA
        : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, rows, allocator);
  }

  VectorSchemaRoot tableTypes() {
    return MetadataRows.fill(Schemas.GET_TABLE_TYPES_SCHEMA,
        List.of(Map.of("table_type", TABLE_TYPE)), allocator);
  }

  VectorSchemaRoot primaryKeys() {
    return MetadataRows.fill(Schemas.GET_PRIMARY_KEYS_SCHEMA, List.of(), allocator);
  }

  /** Every type the executor supports, as JDBC's getTypeInfo describes types. */
  VectorSchemaRoot typeInfo(CommandGetXdbcTypeInfo command) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TypeKind kind : TypeKind.values()) {
      if (kind == TypeKind.NULL) {
        continue;
      }
      int jdbcType = jdbcType(kind);
      if (command.hasDataType() && command.getDataType() != jdbcType) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      // ARRAY and ROW are families of types, listed by their bare names as JDBC does.
      String name = kind == TypeKind.DECIMAL || kind.isNested() ? kind.name()
          : DataType.of(kind).sqlName();
      row.put("type_name", name);
      row.put("data_type", jdbcType);
      row.put("column_size", kind.isNested() ? 0 : ArrowSchemas.precision(
          kind == TypeKind.DECIMAL ? DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0)
              : DataType.of(kind)));
      boolean quoted = kind == TypeKind.VARCHAR || kind == TypeKind.DATE
          || kind == TypeKind.TIME || kind == TypeKind.TIMESTAMP;
      row.put("literal_prefix", kind == TypeKind.VARBINARY ? "X'" : quoted ? name + " '" : null);
      row.put("literal_suffix", quoted || kind == TypeKind.VARBINARY ? "'" : null);
      if (kind == TypeKind.VARCHAR) {
        row.put("literal_prefix", "'");
      }
      row.put("create_params", kind == TypeKind.DECIMAL ? List.of("precision", "scale")
          : kind == TypeKind.VARCHAR ? List.of("length") : null);
      row.put("nullable", DatabaseMetaData.typeNullable);
      row.put("case_sensitive", kind == TypeKind.VARCHAR);
      row.put("searchable", kind == TypeKind.VARBINARY ? DatabaseMetaData.typePredBasic
          : DatabaseMetaData.typeSearchable);
      row.put("unsigned_attribute", kind.isNumeric() ? false : null);
      row.put("fixed_prec_scale", kind == TypeKind.DECIMAL);
      row.put("auto_increment", kind.isNumeric() ? false : null);
      row.put("local_type_name", name);
      row.put("minimum_scale", kind == TypeKind.DECIMAL ? 0 : null);
      row.put("maximum_scale", kind == TypeKind.DECIMAL ? DataType.MAX_DECIMAL_PRECISION : null);
      row.put("sql_data_type", jdbcType);
      row.put("num_prec_radix", kind.isNumeric() ? 10 : null);
      rows.add(row);
    }
    return MetadataRows.fill(Schemas.GET_TYPE_INFO_SCHEMA, rows, allocator);
  }

  /** The java.sql.Types constant Arrow's JDBC driver reports for a column of this kind. */
  static int jdbcType(TypeKind kind) {
    return switch (kind) {
      case NULL -> Types.NULL;
      case BOOLEAN -> Types.BOOLEAN;
      case TINYINT -> Types.TINYINT;
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case REAL -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case VARCHAR -> Types.VARCHAR;
      case VARBINARY -> Types.VARBINARY;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> Types.OTHER;
      case ARRAY -> Types.ARRAY;
      case ROW -> Types.STRUCT;
    };
  }

  /** A SQL LIKE pattern ({@code %}, {@code _}, backslash escapes) as a regex; null matches all. */
  static Pattern likePattern(String like) {
    if (like == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
