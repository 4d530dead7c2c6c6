package dev.salvo.bench;

import java.util.List;

/** One engine under test: runs a TPC-H query and hands back its rows, in result order. */
public interface BenchEngine extends AutoCloseable {
  /** The name in tables, JSON and the chart. */
  String name();

  /** Query {@code number}'s text for this engine (its table names). */
  String queryText(int number);

  /** Runs {@code sql} to the end and returns every row. */
  List<List<Object>> run(String sql) throws Exception;

  @Override
  void close() throws Exception;
}
