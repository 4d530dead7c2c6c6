package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.tpch.TpchConnector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tree of catalogs, schemas and tables that SQL names resolve against:
 * {@code catalog.schema.table}, e.g. {@code tpch.tiny.lineitem}.
 */
public final class SalvoCatalog {
  private final CalciteSchema rootSchema;

  private SalvoCatalog(CalciteSchema rootSchema) {
    this.rootSchema = rootSchema;
  }

  /** The built-in catalog: {@code tpch} with one schema per configured scale factor. */
  public static SalvoCatalog builtIn(Map<String, Double> tpchSchemas) {
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
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

  /** The catalogs (the root's sub-schemas), sorted by name. */
  public List<String> catalogNames() {
    return new ArrayList<>(new TreeSet<>(rootSchema.getSubSchemaMap().keySet()));
  }

  /** The schema names of each catalog, both sorted by name; a schema may hold no tables. */
  public Map<String, List<String>> schemaNames() {
    Map<String, List<String>> schemas = new LinkedHashMap<>();
    for (String catalogName : catalogNames()) {
      schemas.put(catalogName, new ArrayList<>(new TreeSet<>(
          rootSchema.getSubSchemaMap().get(catalogName).getSubSchemaMap().keySet())));
    }
    return schemas;
  }

  /** Every table with its columns, sorted by catalog, schema and table name. */
  public List<CatalogTable> tables() {
    List<CatalogTable> tables = new ArrayList<>();
    for (Map.Entry<String, List<String>> catalogEntry : schemaNames().entrySet()) {
      CalciteSchema catalogSchema = rootSchema.getSubSchemaMap().get(catalogEntry.getKey());
      for (String schemaName : catalogEntry.getValue()) {
        CalciteSchema schema = catalogSchema.getSubSchemaMap().get(schemaName);
        for (String tableName : new TreeSet<>(schema.getTableNames())) {
          Table table = schema.getTable(tableName, true).getTable();
          if (table instanceof ConnectorTable connectorTable) {
            tables.add(new CatalogTable(catalogEntry.getKey(), schemaName, tableName,
                connectorTable.source().rowType()));
          }
        }
      }
    }
    return tables;
  }
}
