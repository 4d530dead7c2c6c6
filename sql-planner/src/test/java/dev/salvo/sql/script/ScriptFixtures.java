package dev.salvo.sql.script;

import dev.salvo.sql.EngineConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.Objects;
import java.util.stream.Stream;
import dev.salvo.sql.SalvoEngine;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the JVM-wide Salvo engine and DuckDB oracle, created on first use and closed when
 * the whole test run ends (they live in JUnit's root store).
 */
final class ScriptFixtures implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ScriptFixtures.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SalvoEngine.class || type == DuckDbOracle.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SalvoEngine.class ? salvo(context) : duckDb(context);
  }

  static SalvoEngine salvo(ExtensionContext context) {
    return store(context).getOrComputeIfAbsent(SalvoEngine.class,
        key -> withFixtureFiles(new SalvoEngine(EngineConfig.defaults())), SalvoEngine.class);
  }

  /**
   * Copies the files that scripts read as tables ({@code files/}) into the data directory's
   * {@code fixtures/}, and writes the Parquet ones there.
   */
  private static SalvoEngine withFixtureFiles(SalvoEngine engine) {
    try {
      Path source = Paths.get(Objects.requireNonNull(
          ScriptFixtures.class.getResource("/files"), "no fixture files").toURI());
      Path target = engine.dataDirectory().resolve("fixtures");
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName().toString()));
        }
      }
      ParquetFixtures.write(target);
      return engine;
    } catch (IOException | URISyntaxException | SQLException e) {
      engine.close();
      throw new ParameterResolutionException("Could not prepare the fixture files", e);
    }
  }

  static DuckDbOracle duckDb(ExtensionContext context) {
    // Same scale factors as the engine's tpch catalog and the same data directory, so both see
    // the same rows and files.
    SalvoEngine salvo = salvo(context);
    return store(context).getOrComputeIfAbsent(DuckDbOracle.class, key -> {
      try {
        return new DuckDbOracle(salvo.config().tpchSchemas(), salvo.dataDirectory());
      } catch (Exception e) {
        throw new ParameterResolutionException("Could not start the DuckDB oracle", e);
      }
    }, DuckDbOracle.class);
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
