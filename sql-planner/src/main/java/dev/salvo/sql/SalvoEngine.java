package dev.salvo.sql;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.QueryRunner;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.FunctionStatements;
import dev.salvo.sql.function.FunctionSystemTables;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QueryPlanner;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvo's query engine, embeddable in any process: parses, validates, optimizes and lowers SQL,
 * then runs it on the native runner. Thread-safe; one instance serves many concurrent queries.
 */
public final class SalvoEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalvoEngine.class);

  private final EngineConfig config;
  private final BufferAllocator rootAllocator;
  private final QueryRunner runner;
  private final QueryPlanner planner;
  private final FunctionRegistry functions;
  private final FunctionStatements functionStatements;
  private final AtomicLong querySequence = new AtomicLong();

  /** An engine whose functions live only as long as it does. */
  public SalvoEngine(EngineConfig config) {
    this(config, FunctionRegistry.inMemory(new UdfRuntime(UdfRuntimeSettings.DEFAULTS)));
  }

  /**
   * An engine resolving user-defined functions in {@code functions}, which it takes over and
   * closes (with its UDF runtime) when it is closed.
   */
  public SalvoEngine(EngineConfig config, FunctionRegistry functions) {
    this.config = config;
    this.functions = functions;
    this.functionStatements = new FunctionStatements(functions);
    this.rootAllocator = new RootAllocator(config.maxMemoryBytes());
    this.runner = new NativeQueryRunner(config.parallelism());
    this.planner = new QueryPlanner(SalvoCatalog.builtIn(config.tpchSchemas(),
        FunctionSystemTables.of(functions)), functions);
  }

  public FunctionRegistry functions() {
    return functions;
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Plans {@code sql} and starts running it. Parse and validation errors are thrown here, with
   * line and column; execution errors surface from the returned stream, which the caller must
   * close.
   *
   * @throws SalvoException for a statement that cannot be planned
   */
  public ResultStream execute(String sql) {
    SqlNode statement = parse(sql);
    if (FunctionStatements.handles(statement)) {
      return start(functionStatements.execute(statement, sql));
    }
    SqlNode explained = QueryPlanner.explicandum(statement);
    ExecNode plan;
    if (explained != null) {
      plan = explainPlan(planner.plan(explained));
    } else {
      plan = planner.plan(statement).execPlan();
    }
    return start(plan);
  }

  /** Plans {@code sql} without running it, for EXPLAIN and tests. */
  public PlannedQuery plan(String sql) {
    SqlNode statement = parse(sql);
    SqlNode explained = QueryPlanner.explicandum(statement);
    return planner.plan(explained != null ? explained : statement);
  }

  private static SqlNode parse(String sql) {
    SqlNode statement = SalvoParser.parseStatement(sql);
    SalvoHints.validateHints(statement);
    return statement;
  }

  private static ExecNode explainPlan(PlannedQuery query) {
    List<List<Object>> rows = new ArrayList<>();
    for (String line : QueryPlanner.explainLines(query)) {
      rows.add(List.of(line));
    }
    return new ValuesNode(RowType.of(new Column("plan", DataType.VARCHAR.withNullable(false))),
        rows);
  }

  private ResultStream start(ExecNode plan) {
    String queryId = "q" + querySequence.incrementAndGet();
    BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        config.queryMaxMemoryBytes());
    QueryContext context = new QueryContext(queryId, allocator, config.parallelism(),
        config.batchSize());
    ResultStream stream;
    try {
      stream = runner.execute(plan, context);
    } catch (RuntimeException e) {
      allocator.close();
      throw SalvoException.wrap(e);
    }
    return new QueryResultStream(stream, allocator);
  }

  @Override
  public void close() {
    runner.close();
    planner.close();
    functions.close();
    long leaked = rootAllocator.getAllocatedMemory();
    if (leaked != 0) {
      LOG.warn("Closing the engine with {} bytes of Arrow memory still allocated", leaked);
    }
    rootAllocator.close();
  }

  /** A query's result stream that also releases the query's allocator when closed. */
  private static final class QueryResultStream implements ResultStream {
    private final ResultStream delegate;
    private final BufferAllocator allocator;

    QueryResultStream(ResultStream delegate, BufferAllocator allocator) {
      this.delegate = delegate;
      this.allocator = allocator;
    }

    @Override
    public RowType rowType() {
      return delegate.rowType();
    }

    @Override
    public Batch next() {
      return delegate.next();
    }

    @Override
    public void cancel() {
      delegate.cancel();
    }

    @Override
    public void close() {
      try {
        delegate.close();
      } finally {
        allocator.close();
      }
    }
  }
}
