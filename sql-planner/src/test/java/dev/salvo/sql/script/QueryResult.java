package dev.salvo.sql.script;

import java.util.List;

/** A query's answer from either engine, its values already in {@link Values}' normal form. */
record QueryResult(List<String> columnNames, List<List<Object>> rows) {
  QueryResult {
    columnNames = List.copyOf(columnNames);
    rows = List.copyOf(rows);
  }

  int columnCount() {
    return columnNames.size();
  }
}
