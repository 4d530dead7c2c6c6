package dev.salvo.sql.catalog;

import dev.salvo.exec.type.RowType;

/** One table of the catalog tree, with its fully qualified name and its columns. */
public record CatalogTable(String catalog, String schema, String table, RowType rowType) {}
