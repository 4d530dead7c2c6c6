package dev.salvo.sql;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.QueryRunner;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QueryPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private final AtomicLong querySequence = new AtomicLong();

  public SalvoEngine(EngineConfig config) {
    this(config, Map.of());
  }

  /**
   * An engine whose {@code system} schema holds {@code systemTables} (table name to source),
   * such as a {@link dev.salvo.sql.system.SnapshotTableSource} over the embedder's own state.
   */
  public SalvoEngine(EngineConfig config, Map<String, TableSource> systemTables) {
    this.config = config;
    this.rootAllocator = new RootAllocator(config.maxMemoryBytes());
    this.runner = new NativeQueryRunner(config.parallelism());
    this.planner = new QueryPlanner(SalvoCatalog.builtIn(config.tpchSchemas(), systemTables));
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
    return execute(prepare(sql), QueryOptions.DEFAULTS);
  }

  /**
   * Like {@link #execute(String)}, with the settings of {@code options} instead of the
   * engine's.
   */
  public ResultStream execute(String sql, QueryOptions options) {
    return execute(prepare(sql), options);
  }

  /**
   * Parses, validates and plans {@code sql} without running it.
   *
   * @throws SalvoException for a statement that cannot be planned, with line and column
   */
  public ExecutableQuery prepare(String sql) {
    SqlNode statement = parse(sql);
    SqlNode explained = QueryPlanner.explicandum(statement);
    ExecNode plan;
    if (explained != null) {
      plan = explainPlan(planner.plan(explained));
    } else {
      plan = planner.plan(statement).execPlan();
    }
    return new ExecutableQuery(sql, plan);
  }

  /**
   * Starts running a prepared query with {@code options}; the caller must close the returned
   * stream, which releases the query's memory.
   *
   * @throws SalvoException INVALID_ARGUMENT when {@code options} asks for more memory than the
   *     engine's per-query limit
   */
  public ResultStream execute(ExecutableQuery query, QueryOptions options) {
    return start(query.plan(), options);
  }

  /** The named SQL functions queries can call. */
  public List<FunctionInfo> functions() {
    return BuiltInFunctions.ALL;
  }

  /** Arrow memory all queries hold together right now. */
  public long allocatedMemory() {
    return rootAllocator.getAllocatedMemory();
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

  private ResultStream start(ExecNode plan, QueryOptions options) {
    long memoryLimit = options.maxMemoryBytes().orElse(config.queryMaxMemoryBytes());
    if (memoryLimit > config.queryMaxMemoryBytes()) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT, "A query may hold at most "
          + config.queryMaxMemoryBytes() + " bytes of memory; " + memoryLimit + " were asked for");
    }
    String queryId = options.queryId() != null
        ? options.queryId() : "q" + querySequence.incrementAndGet();
    QueryProgress progress = options.progress() != null
        ? options.progress() : new QueryProgress();
    BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0, memoryLimit);
    QueryContext context;
    try {
      context = new QueryContext(queryId, allocator,
          options.parallelism().orElse(config.parallelism()),
          options.batchSize().orElse(config.batchSize()), progress);
    } catch (RuntimeException e) {
      allocator.close();
      throw e;
    }
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
