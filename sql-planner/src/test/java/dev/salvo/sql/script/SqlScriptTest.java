package dev.salvo.sql.script;

import dev.salvo.sql.SalvoEngine;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Salvo's main correctness suite: every {@code sql/**}{@code /*.test} script on the test class
 * path, one dynamic test per record, named after file and line.
 *
 * <p>{@code -Dsalvo.script.engine=duckdb} runs the scripts on DuckDB instead of Salvo, to check
 * the scripts' own literal expectations (error patterns, which name Salvo's error codes, then
 * only have to fail). {@code -Dsalvo.script=NAME} runs only the scripts whose path contains
 * NAME, for working on one script.
 */
@ExtendWith(ScriptFixtures.class)
class SqlScriptTest {
  private static final String SCRIPT_ROOT = "/sql";

  @TestFactory
  Stream<DynamicNode> scripts(SalvoEngine salvo, DuckDbOracle oracle)
      throws IOException, URISyntaxException {
    boolean onDuckDb = System.getProperty("salvo.script.engine", Engines.SALVO)
        .toLowerCase(Locale.ROOT).equals(Engines.DUCKDB);
    Path root = Paths.get(Objects.requireNonNull(
        SqlScriptTest.class.getResource(SCRIPT_ROOT), "no " + SCRIPT_ROOT + " scripts").toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      String only = System.getProperty("salvo.script", "");
      files = walk.filter(path -> path.toString().endsWith(".test"))
          .filter(path -> root.relativize(path).toString().contains(only)).sorted().toList();
    }
    List<DynamicNode> containers = new ArrayList<>();
    for (Path file : files) {
      String name = root.relativize(file).toString().replace('\\', '/');
      List<ScriptRecord> records =
          ScriptParser.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
      containers.add(DynamicContainer.dynamicContainer(name, file.toUri(),
          recordTests(file.toUri(), records, () -> runnerFor(salvo, oracle, onDuckDb))));
    }
    return containers.stream();
  }

  /** One test per record, sharing one runner that is created lazily and closed at the end. */
  private static Stream<DynamicTest> recordTests(URI file, List<ScriptRecord> records,
      RunnerFactory factory) {
    ScriptRunner[] runner = new ScriptRunner[1];
    return records.stream()
        .map(record -> DynamicTest.dynamicTest(testName(record),
            URI.create(file + "?line=" + record.location().line()), () -> {
              if (runner[0] == null) {
                runner[0] = factory.create();
              }
              runner[0].run(record);
            }))
        .onClose(() -> {
          if (runner[0] != null) {
            runner[0].close();
          }
        });
  }

  private static ScriptRunner runnerFor(SalvoEngine salvo, DuckDbOracle oracle, boolean onDuckDb)
      throws Exception {
    DuckDbSession session = oracle.openSession();
    return onDuckDb
        ? new ScriptRunner(session, session)
        : new ScriptRunner(new SalvoScriptEngine(salvo), session);
  }

  private static String testName(ScriptRecord record) {
    String sql = record instanceof ScriptRecord.Statement statement ? statement.sql()
        : record instanceof ScriptRecord.Query query ? query.sql() : "halt";
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    return record.location() + " " + (oneLine.length() > 70
        ? oneLine.substring(0, 67) + "..." : oneLine);
  }

  /** Creates a script's runner on its first record. */
  @FunctionalInterface
  private interface RunnerFactory {
    ScriptRunner create() throws Exception;
  }
}
