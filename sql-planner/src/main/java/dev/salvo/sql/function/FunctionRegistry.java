package dev.salvo.sql.function;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.parser.ddl.SqlCreateFunction;
import dev.salvo.udf.catalog.FunctionDefinition;
import dev.salvo.udf.catalog.UdfOptions;
import dev.salvo.udf.runtime.RuntimeExternalFunction;
import dev.salvo.udf.runtime.UdfRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's functions: what CREATE and DROP FUNCTION change, what the planner resolves names
 * against, kept durable in a {@link FunctionStore} with each jar copied under the server's
 * directory, and reloaded at start. Thread-safe: definitions change under a lock, lookups read a
 * concurrent map, and queries already running keep the runtime version they opened.
 */
public final class FunctionRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionRegistry.class);

  private final UdfRuntime runtime;
  private final FunctionStore store;
  private final Path jarDirectory;
  private final Map<String, RegisteredFunction> functions = new ConcurrentHashMap<>();

  /**
   * @param jarDirectory where jars are copied, or null to use them where they are
   */
  public FunctionRegistry(UdfRuntime runtime, FunctionStore store, Path jarDirectory) {
    this.runtime = runtime;
    this.store = store;
    this.jarDirectory = jarDirectory;
  }

  public UdfRuntime runtime() {
    return runtime;
  }

  /**
   * Re-creates every stored function; one that no longer loads (its class changed) is logged and
   * skipped, not dropped. Then removes copied jars no stored function uses.
   *
   * @return how many functions were loaded
   */
  public synchronized int loadStored() {
    int loaded = 0;
    Set<Path> jarsInUse = new HashSet<>();
    for (StoredFunction stored : store.loadAll()) {
      if (stored.jar() != null) {
        jarsInUse.add(Path.of(stored.jar()).toAbsolutePath());
      }
      try {
        SqlCreateFunction statement = (SqlCreateFunction) SalvoParser.parseStatement(
            stored.definition());
        RegisteredFunction function = build(statement, stored.definition(),
            stored.jar() == null ? null : Path.of(stored.jar()), stored.createdAt());
        functions.put(key(function.name()), function);
        loaded++;
      } catch (RuntimeException e) {
        LOG.warn("Could not load stored function {}: {}", stored.name(), e.getMessage());
      }
    }
    removeUnusedJars(jarsInUse);
    LOG.info("Loaded {} stored functions", loaded);
    return loaded;
  }

  /**
   * Executes {@code CREATE FUNCTION}: checks it, copies its jar, registers it with the runtime
   * and stores it.
   *
   * @return false when IF NOT EXISTS found the name taken (nothing changed)
   * @throws SalvoException DUPLICATE_FUNCTION, INVALID_FUNCTION_DEFINITION,
   *     INVALID_FUNCTION_OPTION, INSUFFICIENT_RESOURCES, each at the clause at fault
   */
  public synchronized boolean create(SqlCreateFunction statement, String sql) {
    String name = FunctionStatementReader.name(statement.name());
    SqlParserPos namePosition = statement.name().getParserPosition();
    if (functions.containsKey(key(name))) {
      if (statement.ifNotExists()) {
        return false;
      }
      if (!statement.orReplace()) {
        throw FunctionStatementReader.error(ErrorCode.DUPLICATE_FUNCTION,
            "Function " + name + " already exists; use CREATE OR REPLACE FUNCTION to replace it",
            namePosition);
      }
    }
    if (isBuiltIn(statement.name())) {
      throw FunctionStatementReader.error(ErrorCode.DUPLICATE_FUNCTION,
          "Function " + name + " is built in and cannot be replaced", namePosition);
    }
    Path jar = null;
    if (statement.jar() != null) {
      jar = copyJar(FunctionStatementReader.jarPath(statement.jar()));
    }
    Instant now = Instant.now();
    // A copy left by a failed CREATE is removed at the next start, like those of dropped ones.
    RegisteredFunction function = build(statement, sql, jar, now);
    store.save(new StoredFunction(name, sql, jar == null ? null : jar.toString(), now));
    RegisteredFunction previous = functions.put(key(name), function);
    if (previous instanceof JavaFunction && function instanceof SqlBodiedFunction) {
      runtime.drop(name);
    }
    return true;
  }

  /**
   * Executes {@code DROP FUNCTION}; queries running it finish with the version they started.
   *
   * @return false when the function did not exist
   */
  public synchronized boolean drop(SqlIdentifier identifier) {
    String name = FunctionStatementReader.name(identifier);
    RegisteredFunction removed = functions.remove(key(name));
    if (removed == null) {
      return false;
    }
    store.delete(name);
    if (removed instanceof JavaFunction) {
      runtime.drop(removed.name());
    }
    return true;
  }

  public Optional<RegisteredFunction> lookup(String name) {
    return Optional.ofNullable(functions.get(key(name)));
  }

  /** Every function, by name. */
  public List<RegisteredFunction> list() {
    List<RegisteredFunction> all = new ArrayList<>(functions.values());
    all.sort(Comparator.comparing(function -> key(function.name())));
    return all;
  }

  private RegisteredFunction build(SqlCreateFunction statement, String sql, Path jar,
      Instant createdAt) {
    String name = FunctionStatementReader.name(statement.name());
    List<String> parameterNames = FunctionStatementReader.parameterNames(statement);
    List<DataType> parameterTypes = FunctionStatementReader.parameterTypes(statement);
    DataType returnType = FunctionStatementReader.dataType(statement.returnType());
    if (statement.body() != null) {
      return new SqlBodiedFunction(name, parameterNames, parameterTypes,
          parameterTypes.stream().map(DataType::sqlName).toList(), returnType,
          returnType.sqlName(), FunctionStatementReader.bodyText(sql, statement.returnKeyword()),
          sql, createdAt);
    }
    String language = statement.language().getSimple();
    if (!language.equalsIgnoreCase("JAVA")) {
      throw FunctionStatementReader.error(ErrorCode.NOT_SUPPORTED, "LANGUAGE " + language
          + " is not supported; Salvo runs LANGUAGE JAVA functions",
          statement.language().getParserPosition());
    }
    Map<String, String> options = FunctionStatementReader.options(statement);
    FunctionDefinition definition;
    try {
      definition = FunctionDefinition.of(name, parameterTypes, returnType,
          FunctionStatementReader.stringLiteral(statement.target()),
          jar == null ? List.of() : List.of(jar), UdfOptions.parse(options));
    } catch (SalvoException e) {
      throw positioned(e, statement.getParserPosition());
    }
    FunctionDefinition resolved;
    try {
      resolved = runtime.register(definition);
    } catch (SalvoException e) {
      SqlParserPos at = e.code() == ErrorCode.INSUFFICIENT_RESOURCES && !statement.options()
          .isEmpty() ? statement.options().get(0).getParserPosition()
          : statement.target().getParserPosition();
      throw positioned(e, at);
    }
    return new JavaFunction(resolved, parameterNames, options, sql, createdAt,
        new RuntimeExternalFunction(runtime, resolved));
  }

  private static SalvoException positioned(SalvoException e, SqlParserPos pos) {
    return e.hasPosition() ? e
        : new SalvoException(e.code(), e.getMessage(), pos.getLineNum(), pos.getColumnNum(), e);
  }

  private static boolean isBuiltIn(SqlIdentifier name) {
    List<SqlOperator> found = new ArrayList<>();
    SqlStdOperatorTable.instance().lookupOperatorOverloads(name,
        SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, found,
        SqlNameMatchers.withCaseSensitive(false));
    return !found.isEmpty();
  }

  /**
   * Copies the jar under the server's directory so later changes to the original do not matter.
   * The copy is named after its content, so functions created from the same jar share one copy,
   * and with it one class loader and the classes' static state.
   */
  private Path copyJar(Path source) {
    if (jarDirectory == null) {
      return source;
    }
    try {
      Path target = jarDirectory.resolve(contentHash(source) + ".jar").toAbsolutePath();
      if (!Files.exists(target)) {
        Files.createDirectories(jarDirectory);
        Path temporary = Files.createTempFile(jarDirectory, "incoming", ".tmp");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Could not copy jar " + source + " under " + jarDirectory + ": " + e.getMessage(), e);
    }
  }

  private static String contentHash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private void deleteUnused(Path jar) {
    try {
      Files.deleteIfExists(jar);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", jar, e);
    }
  }

  /**
   * Jars of replaced or dropped functions stay while the server runs (a running query may still
   * load classes from them) and go at the next start.
   */
  private void removeUnusedJars(Set<Path> inUse) {
    if (jarDirectory == null || !Files.isDirectory(jarDirectory)) {
      return;
    }
    try (Stream<Path> files = Files.list(jarDirectory)) {
      files.filter(file -> !inUse.contains(file.toAbsolutePath()))
          .forEach(this::deleteUnused);
    } catch (IOException e) {
      LOG.warn("Could not list {}", jarDirectory, e);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Closes the runtime: every instance and worker process. */
  @Override
  public void close() {
    runtime.close();
  }
}
