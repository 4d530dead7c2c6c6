package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.tpch.TpchConnector;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tree of catalogs, schemas and tables that SQL names resolve against:
 * {@code catalog.schema.table}, e.g. {@code tpch.tiny.lineitem}, and the {@code system} schema,
 * e.g. {@code system.queries}.
 */
public final class SalvoCatalog {
  private final CalciteSchema rootSchema;

  private SalvoCatalog(CalciteSchema rootSchema) {
    this.rootSchema = rootSchema;
  }

  /** The schema of the tables that show Salvo's own state. */
  public static final String SYSTEM_SCHEMA = "system";

  /** The built-in catalog: {@code tpch} with one schema per configured scale factor. */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas) {
    return builtIn(tpchSchemas, Map.of());
  }

  /**
   * The built-in catalog plus the {@code system} schema holding {@code systemTables} (table name
   * to source); the schema exists, empty, when there are none.
   */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas,
      Map<String, TableSource> systemTables) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    SchemaPlus system = root.plus().add(SYSTEM_SCHEMA, new AbstractSchema());
    for (Map.Entry<String, TableSource> table : systemTables.entrySet()) {
      system.add(table.getKey(), new ConnectorTable(table.getValue()));
    }
    SchemaPlus tpch = root.plus().add("tpch", new AbstractSchema());
    TpchConnector connector = new TpchConnector(tpchSchemas);
    for (String schemaName : connector.schemaNames()) {
      SchemaPlus schema = tpch.add(schemaName, new AbstractSchema());
      for (Map.Entry<String, TableSource> table : connector.tables(schemaName).entrySet()) {
        schema.add(table.getKey(), new ConnectorTable(table.getValue()));
      }
    }
    return new SalvoCatalog(root);
  }

  public CalciteSchema rootSchema() {
    return rootSchema;
  }
}
