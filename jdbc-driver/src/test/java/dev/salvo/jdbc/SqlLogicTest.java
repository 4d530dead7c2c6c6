package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.hydromatic.sqllogictest.ISqlTestOperation;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.SltSqlStatement;
import net.hydromatic.sqllogictest.SltTestFile;
import net.hydromatic.sqllogictest.SqlTestQuery;
import net.hydromatic.sqllogictest.TestStatistics;
import net.hydromatic.sqllogictest.executors.JdbcExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs SQLite's sqllogictest files {@code select1.test} to {@code select4.test} (as bundled by
 * net.hydromatic:sql-logic-test) against a Salvo server through this driver, with the library's
 * JDBC executor formatting, sorting and hashing every result.
 *
 * <p>The library keeps the records meant for PostgreSQL ({@code onlyif postgresql}, no {@code
 * skipif postgresql}); Salvo follows the same SQL semantics (integer division, NULLs sorted last).
 * Every statement must succeed and every query must give SQLite's answer, except the records in
 * {@link #KNOWN_FAILURES}, each with its reason. The test fails when an unlisted record fails and
 * also when a listed one passes, so the list stays exactly what Salvo cannot do yet.
 */
class SqlLogicTest {
  /**
   * The records Salvo does not pass, each with the reason: the file, and a pattern the whole
   * SQL text matches. Kept exact in both directions by {@link #runsFile}.
   */
  private static final List<KnownFailure> KNOWN_FAILURES = List.of(
      new KnownFailure("select4.test", "CREATE INDEX .*",
          "Salvo has no indexes (every query scans its tables), so it does not accept CREATE"
              + " INDEX; an index changes no query's answer, so the queries after it still"
              + " check everything"));

  /** Records of {@code file} whose SQL matches {@code sql} fail, for {@code reason}. */
  private record KnownFailure(String file, String sql, String reason) {
    boolean matches(String fileName, String statement) {
      return file.equals(fileName) && Pattern.matches(sql, statement);
    }
  }

  @TempDir
  static Path installDirectory;

  private static TestServer server;

  @BeforeAll
  static void startServer() {
    // A fresh data directory per run: the files create and fill their own tables in `main`.
    server = TestServer.start(installDirectory, Map.of("exec.parallelism", "2"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  static Stream<String> files() {
    return Stream.of("select1.test", "select2.test", "select3.test", "select4.test");
  }

  @ParameterizedTest
  @MethodSource("files")
  void runsFile(String fileName) throws Exception {
    ByteArrayOutputStream libraryOutput = new ByteArrayOutputStream();
    PrintStream quiet = new PrintStream(libraryOutput, true, StandardCharsets.UTF_8);
    OptionsParser.SuppliedOptions options = new OptionsParser(false, quiet, quiet).getOptions();
    SltTestFile file = new SltTestFile("test/" + fileName);
    file.parse(options);

    FileOutcome outcome = new FileOutcome(fileName);
    long started = System.nanoTime();
    SalvoExecutor executor = new SalvoExecutor(options, server.salvoUrl());
    executor.establishConnection();
    try {
      executor.dropAllTables();
      for (ISqlTestOperation operation : file.fileContents) {
        SltSqlStatement statement = operation.as(SltSqlStatement.class);
        if (statement != null) {
          outcome.record(statement.statement, runStatement(executor, statement));
        } else {
          SqlTestQuery query = operation.to(quiet, SqlTestQuery.class);
          outcome.record(query.getQuery(), runQuery(executor, query));
        }
      }
      executor.dropAllTables();
    } finally {
      executor.closeConnection();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    System.out.printf("%s: %d of %d records passed, %d failed as listed, %d failed unlisted,"
            + " %d passed though listed, in %d ms%n", fileName, outcome.passed,
        file.fileContents.size(), outcome.knownFailed, outcome.unexpectedFailures.size(),
        outcome.unexpectedPasses.size(), millis);
    for (KnownFailure known : outcome.matched) {
      System.out.printf("  listed as failing: %s (%s)%n", known.sql(), known.reason());
    }
    List<KnownFailure> neverSeen = KNOWN_FAILURES.stream()
        .filter(known -> known.file().equals(fileName) && !outcome.matched.contains(known))
        .toList();
    assertTrue(outcome.unexpectedFailures.isEmpty() && outcome.unexpectedPasses.isEmpty()
            && neverSeen.isEmpty(),
        () -> fileName + ": " + outcome.unexpectedFailures.size() + " unexpected failures"
            + (outcome.unexpectedFailures.isEmpty() ? "" : ", the first ones:\n"
                + String.join("\n", outcome.unexpectedFailures.subList(0,
                    Math.min(20, outcome.unexpectedFailures.size()))))
            + "\nlisted as failing but passed: " + outcome.unexpectedPasses
            + "\nlisted but matching nothing in the file: " + neverSeen);
  }

  /** Runs one statement; answers null when it behaved as the file expects, else why not. */
  private static String runStatement(SalvoExecutor executor, SltSqlStatement statement) {
    if (!statement.shouldPass) {
      // The library's executor swallows any error of such a statement, and so cannot tell
      // whether there was one.
      try (Statement jdbc = executor.getConnection().createStatement()) {
        jdbc.execute(statement.statement);
      } catch (SQLException expected) {
        return null;
      }
      return "statement succeeded, but the file expects an error: " + statement.statement;
    }
    try {
      executor.statement(statement);
      return null;
    } catch (SQLException e) {
      return "statement failed: " + e.getMessage();
    }
  }

  /** Runs one query; answers null when its result matches, else the library's description. */
  private static String runQuery(SalvoExecutor executor, SqlTestQuery query)
      throws NoSuchAlgorithmException {
    TestStatistics statistics = new TestStatistics(false, 0);
    try (Statement statement = executor.getConnection().createStatement();
        ResultSet result = statement.executeQuery(query.getQuery())) {
      executor.validate(query, result, query.outputDescription, statistics);
    } catch (SQLException e) {
      return "query failed: " + e.getMessage() + "\n\t" + query.getQuery();
    }
    if (statistics.getPassedTestCount() == 1) {
      return null;
    }
    ByteArrayOutputStream description = new ByteArrayOutputStream();
    statistics.printStatistics(new PrintStream(description, true, StandardCharsets.UTF_8));
    String text = description.toString(StandardCharsets.UTF_8);
    int error = text.indexOf("ERROR:");
    return error >= 0 ? text.substring(error).strip() : text.strip();
  }

  /** What happened to one file's records, against the known failures. */
  private static final class FileOutcome {
    final String fileName;
    int passed;
    int knownFailed;
    final Set<KnownFailure> matched = new LinkedHashSet<>();
    final List<String> unexpectedFailures = new ArrayList<>();
    final List<String> unexpectedPasses = new ArrayList<>();

    FileOutcome(String fileName) {
      this.fileName = fileName;
    }

    /** Counts one record: {@code failure} is null when it passed, else what went wrong. */
    void record(String sql, String failure) {
      KnownFailure known = KNOWN_FAILURES.stream()
          .filter(candidate -> candidate.matches(fileName, sql)).findFirst().orElse(null);
      if (known != null) {
        matched.add(known);
      }
      if (failure == null) {
        passed++;
        if (known != null) {
          unexpectedPasses.add(sql);
        }
      } else if (known != null) {
        knownFailed++;
      } else {
        unexpectedFailures.add(failure);
      }
    }
  }

  /**
   * The library's JDBC executor on a Salvo connection. Only dropping tables differs: the
   * library lists every table the driver reports, which includes the read-only built-in
   * catalogs, so this drops the tables of schema {@code main}, where the files create theirs.
   */
  private static final class SalvoExecutor extends JdbcExecutor {
    SalvoExecutor(OptionsParser.SuppliedOptions options, String url) {
      super(options, url, "sqllogictest", "");
    }

    @Override
    public void dropAllTables() throws SQLException {
      List<String> tables = new ArrayList<>();
      try (Statement statement = getConnection().createStatement();
          ResultSet result = statement.executeQuery("SELECT table_name FROM"
              + " information_schema.tables WHERE table_catalog = 'salvo' AND table_schema = 'main'"
              + " AND table_type = 'BASE TABLE'")) {
        while (result.next()) {
          tables.add(result.getString(1));
        }
      }
      for (String table : tables) {
        try (Statement statement = getConnection().createStatement()) {
          statement.execute("DROP TABLE main.\"" + table + "\"");
        }
      }
    }

    @Override
    public void dropAllViews() {
      throw new UnsupportedOperationException("the select files create no views");
    }
  }
}
