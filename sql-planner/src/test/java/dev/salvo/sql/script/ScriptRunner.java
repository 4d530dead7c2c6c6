package dev.salvo.sql.script;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one script's records in order on the engine under test, taking expected answers from the
 * record or from the DuckDB oracle. Statements that succeed also run on the oracle, so that its
 * tables stay the same as the engine's. Failures name the record's file and line and show the
 * SQL, what was expected and what came back.
 */
final class ScriptRunner implements AutoCloseable {
  private final ScriptEngine underTest;
  private final ScriptEngine oracle;
  private final Map<String, QueryResult> resultsByLabel = new HashMap<>();
  private Location haltedAt;

  /**
   * {@code oracle} may be the same object as {@code underTest}, to check a script's literal
   * expectations against DuckDB itself.
   */
  ScriptRunner(ScriptEngine underTest, ScriptEngine oracle) {
    this.underTest = underTest;
    this.oracle = oracle;
  }

  void run(ScriptRecord record) {
    if (haltedAt != null) {
      Assumptions.abort("after halt at " + haltedAt);
    }
    if (record instanceof ScriptRecord.Statement statement) {
      runStatement(statement);
    } else if (record instanceof ScriptRecord.Query query) {
      runQuery(query);
    } else if (record.engines().runsOn(underTest.name())) {
      haltedAt = record.location();
    }
  }

  private boolean oracleIsSeparate() {
    return oracle != underTest;
  }

  private void runStatement(ScriptRecord.Statement statement) {
    boolean onTest = statement.engines().runsOn(underTest.name());
    boolean onOracle = oracleIsSeparate() && !statement.expectsError()
        && statement.engines().runsOn(oracle.name());
    if (!onTest && !onOracle) {
      Assumptions.abort("skipped on " + underTest.name());
    }
    if (onTest) {
      Throwable error = null;
      try {
        underTest.execute(statement.sql());
      } catch (Exception e) {
        error = e;
      }
      if (statement.expectsError()) {
        checkError(statement, error);
      } else if (error != null) {
        throw failure(statement.location(), "statement failed on " + underTest.name() + ": "
            + underTest.describeError(error), statement.sql(), null, error);
      }
    }
    if (onOracle) {
      try {
        oracle.execute(statement.sql());
      } catch (Exception e) {
        throw failure(statement.location(), "the DuckDB oracle rejected the statement, so its"
            + " state would differ from Salvo's (add 'skipif duckdb'?): "
            + oracle.describeError(e), statement.sql(), null, e);
      }
    }
  }

  private void checkError(ScriptRecord.Statement statement, Throwable error) {
    if (error == null) {
      throw failure(statement.location(), "statement succeeded but an error matching /"
          + statement.errorPattern() + "/ was expected", statement.sql(), null, null);
    }
    String text = underTest.describeError(error);
    // Salvo's patterns name Salvo's error codes; DuckDB standing in only has to fail.
    boolean checkPattern = underTest.name().equals(Engines.SALVO);
    if (checkPattern && !statement.errorPattern().matcher(text).find()) {
      throw failure(statement.location(), "error does not match /" + statement.errorPattern()
          + "/", statement.sql(), "actual error: " + text, error);
    }
  }

  private void runQuery(ScriptRecord.Query query) {
    boolean onTest = query.engines().runsOn(underTest.name());
    if (!onTest) {
      // A record only for DuckDB with a literal answer checks the script itself.
      if (!query.usesOracle() && oracleIsSeparate() && query.engines().runsOn(oracle.name())) {
        QueryResult actual = execute(oracle, query);
        report(query, "DuckDB's result differs from the record",
            ResultComparator.compareWithLiteral(query, actual));
        return;
      }
      Assumptions.abort("skipped on " + underTest.name());
    }
    QueryResult actual = execute(underTest, query);
    if (query.usesOracle()) {
      if (!query.engines().runsOn(Engines.DUCKDB)) {
        throw failure(query.location(), "a query without '----' takes its answer from DuckDB,"
            + " but the record skips DuckDB", query.sql(), null, null);
      }
      QueryResult expected = oracleIsSeparate() ? execute(oracle, query) : actual;
      report(query, "result differs from DuckDB's",
          ResultComparator.compareWithOracle(query, expected, actual));
    } else {
      report(query, "result differs from the record",
          ResultComparator.compareWithLiteral(query, actual));
    }
    if (query.label() != null) {
      QueryResult earlier = resultsByLabel.putIfAbsent(query.label(), actual);
      if (earlier != null) {
        report(query, "result differs from the earlier query labelled " + query.label(),
            ResultComparator.compareWithOracle(query, earlier, actual));
      }
    }
  }

  private QueryResult execute(ScriptEngine engine, ScriptRecord.Query query) {
    try {
      return engine.query(query.sql());
    } catch (Exception e) {
      throw failure(query.location(), "query failed on " + engine.name() + ": "
          + engine.describeError(e), query.sql(), null, e);
    }
  }

  private static void report(ScriptRecord.Query query, String what, String difference) {
    if (difference != null) {
      throw failure(query.location(), what + " (" + query.sortMode().name().toLowerCase()
          + ")", query.sql(), difference, null);
    }
  }

  private static AssertionFailedError failure(Location location, String what, String sql,
      String details, Throwable cause) {
    StringBuilder message = new StringBuilder()
        .append(location).append(": ").append(what).append("\nSQL:\n");
    sql.lines().forEach(line -> message.append("  ").append(line).append('\n'));
    if (details != null) {
      message.append(details);
    }
    return new AssertionFailedError(message.toString(), cause);
  }

  @Override
  public void close() {
    try (ScriptEngine closingOracle = oracle) {
      if (oracleIsSeparate()) {
        underTest.close();
      }
    }
  }
}
