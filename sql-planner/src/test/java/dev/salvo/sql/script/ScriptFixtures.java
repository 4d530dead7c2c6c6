package dev.salvo.sql.script;

import dev.salvo.sql.EngineConfig;
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
        key -> new SalvoEngine(EngineConfig.defaults()), SalvoEngine.class);
  }

  static DuckDbOracle duckDb(ExtensionContext context) {
    // Same scale factors as the engine's tpch catalog, so both see the same rows.
    SalvoEngine salvo = salvo(context);
    return store(context).getOrComputeIfAbsent(DuckDbOracle.class, key -> {
      try {
        return new DuckDbOracle(salvo.config().tpchSchemas());
      } catch (Exception e) {
        throw new ParameterResolutionException("Could not start the DuckDB oracle", e);
      }
    }, DuckDbOracle.class);
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
