package dev.salvo.sql.catalog.store;

import dev.salvo.exec.type.RowType;

/**
 * A view: the query text as written and the columns it had when it was created.
 */
public record StoredView(long id, String schemaName, String name, RowType rowType, String sql) {}
