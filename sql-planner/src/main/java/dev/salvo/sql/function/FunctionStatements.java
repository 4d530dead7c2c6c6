package dev.salvo.sql.function;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.parser.ddl.SqlCreateFunction;
import dev.salvo.sql.parser.ddl.SqlDescribeFunction;
import dev.salvo.sql.parser.ddl.SqlDropFunction;
import dev.salvo.sql.parser.ddl.SqlShowFunctions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;

/**
 * Executes the function statements, one method each, answering with the rows the client sees:
 * one {@code result} row for CREATE and DROP, a listing for SHOW and DESCRIBE.
 */
public final class FunctionStatements {
  private static final RowType RESULT =
      RowType.of(new Column("result", DataType.VARCHAR.withNullable(false)));
  private static final RowType SHOW_ROW_TYPE = RowType.of(
      new Column("name", DataType.VARCHAR.withNullable(false)),
      new Column("language", DataType.VARCHAR.withNullable(false)),
      new Column("signature", DataType.VARCHAR.withNullable(false)),
      new Column("return_type", DataType.VARCHAR.withNullable(false)));
  private static final RowType DESCRIBE_ROW_TYPE = RowType.of(
      new Column("property", DataType.VARCHAR.withNullable(false)),
      new Column("value", DataType.VARCHAR.withNullable(true)));

  private final FunctionRegistry registry;

  public FunctionStatements(FunctionRegistry registry) {
    this.registry = registry;
  }

  /** True for the statements this class executes. */
  public static boolean handles(SqlNode statement) {
    return statement instanceof SqlCreateFunction || statement instanceof SqlDropFunction
        || statement instanceof SqlShowFunctions || statement instanceof SqlDescribeFunction;
  }

  /** The columns {@link #execute} answers for {@code statement}, known before it runs. */
  public static RowType resultType(SqlNode statement) {
    if (statement instanceof SqlShowFunctions) {
      return SHOW_ROW_TYPE;
    }
    return statement instanceof SqlDescribeFunction ? DESCRIBE_ROW_TYPE : RESULT;
  }

  /** Executes {@code statement} (one {@link #handles} accepts) written as {@code sql}. */
  public ExecNode execute(SqlNode statement, String sql) {
    if (statement instanceof SqlCreateFunction create) {
      return create(create, sql);
    } else if (statement instanceof SqlDropFunction drop) {
      return drop(drop);
    } else if (statement instanceof SqlShowFunctions) {
      return show();
    }
    return describe((SqlDescribeFunction) statement);
  }

  private ExecNode create(SqlCreateFunction statement, String sql) {
    String name = FunctionStatementReader.name(statement.name());
    boolean created = registry.create(statement, sql);
    return result(created ? "CREATE FUNCTION " + name
        : "Function " + name + " already exists; nothing changed");
  }

  private ExecNode drop(SqlDropFunction statement) {
    String name = FunctionStatementReader.name(statement.name());
    if (registry.drop(statement.name())) {
      return result("DROP FUNCTION " + name);
    }
    if (statement.ifExists()) {
      return result("Function " + name + " does not exist; nothing changed");
    }
    throw FunctionStatementReader.error(ErrorCode.FUNCTION_NOT_FOUND,
        "Function " + name + " does not exist", statement.name().getParserPosition());
  }

  private ExecNode show() {
    List<List<Object>> rows = new ArrayList<>();
    for (RegisteredFunction function : registry.list()) {
      rows.add(List.of(function.name(), function.language(), function.signature(),
          function.returnType().sqlName()));
    }
    return new ValuesNode(SHOW_ROW_TYPE, rows);
  }

  private ExecNode describe(SqlDescribeFunction statement) {
    String name = FunctionStatementReader.name(statement.name());
    RegisteredFunction function = registry.lookup(name).orElseThrow(() ->
        FunctionStatementReader.error(ErrorCode.FUNCTION_NOT_FOUND,
            "Function " + name + " does not exist", statement.name().getParserPosition()));
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("name", function.name()));
    rows.add(List.of("language", function.language()));
    rows.add(List.of("signature", function.signature()));
    rows.add(List.of("return_type", function.returnType().sqlName()));
    if (function instanceof JavaFunction java) {
      rows.add(List.of("class", java.definition().className()));
      rows.add(List.of("method", java.definition().methodName()));
      rows.add(Arrays.asList("jar", java.definition().jars().isEmpty() ? null
          : java.definition().jars().get(0).toString()));
      var options = java.definition().options();
      rows.add(List.of("batch_size", String.valueOf(options.batchSize())));
      rows.add(List.of("max_concurrency", String.valueOf(options.maxConcurrency())));
      rows.add(List.of("gpus", String.valueOf(options.gpus())));
      rows.add(List.of("use_process", String.valueOf(options.useProcess())));
      rows.add(List.of("max_retries", String.valueOf(options.maxRetries())));
      rows.add(List.of("on_error", options.onError().name().toLowerCase(Locale.ROOT)));
      rows.add(Arrays.asList("timeout",
          options.timeout() == null ? null : options.timeout().toString()));
      rows.add(List.of("idle_timeout", options.idleTimeout().toString()));
      rows.add(List.of("retry_backoff", options.retryBackoff().toString()));
      rows.add(List.of("shape", java.external() == null ? "" : shapeOf(java)));
    } else if (function instanceof SqlBodiedFunction sql) {
      rows.add(List.of("body", sql.body()));
    }
    rows.add(List.of("created_at", function.createdAt().toString()));
    rows.add(List.of("definition", function.statement()));
    return new ValuesNode(DESCRIBE_ROW_TYPE, rows);
  }

  private String shapeOf(JavaFunction function) {
    try (var handle = registry.runtime().open(function.name())) {
      return handle.shape().name().toLowerCase(Locale.ROOT);
    }
  }

  private static ExecNode result(String message) {
    return new ValuesNode(RESULT, List.of(List.of(message)));
  }
}
