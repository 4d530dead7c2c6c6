package dev.salvo.sql.script;

/** An engine a script's records run on: Salvo, or a DuckDB session standing in as the oracle. */
interface ScriptEngine extends AutoCloseable {
  /** The name {@code skipif} and {@code onlyif} use for this engine. */
  String name();

  /** Runs a statement, discarding any rows it returns. */
  void execute(String sql) throws Exception;

  /** Runs a query and returns its rows in {@link Values}' normal form. */
  QueryResult query(String sql) throws Exception;

  /** The text a {@code statement error} pattern is matched against. */
  String describeError(Throwable error);

  @Override
  void close();
}
