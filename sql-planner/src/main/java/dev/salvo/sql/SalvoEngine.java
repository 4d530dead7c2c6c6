package dev.salvo.sql;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.QueryRunner;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.statistics.AnalyzedPlanPrinter;
import dev.salvo.exec.statistics.QueryStatistics;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.parser.SqlExplainAnalyze;
import dev.salvo.sql.planner.ParameterBinder;
import dev.salvo.sql.planner.PlanCache;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QuerySignature;
import dev.salvo.sql.planner.QueryPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvo's query engine, embeddable in any process: parses, validates, optimizes and lowers SQL,
 * then runs it on the native runner. Thread-safe; one instance serves many concurrent queries.
 */
public final class SalvoEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalvoEngine.class);

  /** EXPLAIN answers one line of text per row. */
  private static final RowType EXPLAIN_ROW_TYPE =
      RowType.of(new Column("plan", DataType.VARCHAR.withNullable(false)));

  /** Plans kept per cache: far more than the distinct statements of a typical workload. */
  private static final int PLAN_CACHE_SIZE = 1000;

  private final EngineConfig config;
  private final SalvoCatalog catalog;
  private final ParameterBinder parameterBinder = new ParameterBinder();
  private final BufferAllocator rootAllocator;
  private final QueryRunner runner;
  private final QueryPlanner planner;
  private final AtomicLong querySequence = new AtomicLong();
  /** What {@link #prepare} answers, by SQL text: drivers describe a statement before each run. */
  private final PlanCache<String, QuerySignature> signatures;
  /** Executor plans by SQL text and bound values: most traffic repeats a few statements. */
  private final PlanCache<PlanKey, CachedPlan> plans;

  /** A statement and the values bound to its parameters, as the plan cache's key. */
  private record PlanKey(String sql, List<?> parameters) {}

  /** An executor plan ready to run (plans are immutable, so queries share them). */
  private record CachedPlan(ExecNode plan, List<String> warnings) {}

  public SalvoEngine(EngineConfig config) {
    this.config = config;
    this.rootAllocator = new RootAllocator(config.maxMemoryBytes());
    this.runner = new NativeQueryRunner(config.parallelism());
    this.catalog = SalvoCatalog.builtIn(config.tpchSchemas());
    this.planner = new QueryPlanner(catalog);
    this.signatures = new PlanCache<>(PLAN_CACHE_SIZE);
    this.plans = new PlanCache<>(PLAN_CACHE_SIZE);
  }

  /**
   * Forgets every cached plan and statement description. Call it whenever something plans
   * depend on changes: a table or function created, dropped or altered.
   */
  public void invalidatePlanCache() {
    signatures.invalidateAll();
    plans.invalidateAll();
  }

  /** The cache of executor plans, for monitoring and tests. */
  public PlanCache<?, ?> planCache() {
    return plans;
  }

  public EngineConfig config() {
    return config;
  }

  /** The catalogs, schemas and tables SQL names resolve against, for metadata queries. */
  public SalvoCatalog catalog() {
    return catalog;
  }

  /**
   * The allocator every query's memory comes from. Front ends that ship results allocate from
   * children of it, so that result buffers move to them without copying; its allocated size is
   * the engine's whole Arrow footprint.
   */
  public BufferAllocator rootAllocator() {
    return rootAllocator;
  }

  /**
   * Plans {@code sql} and starts running it. Parse and validation errors are thrown here, with
   * line and column; execution errors surface from the returned stream, which the caller must
   * close.
   *
   * @throws SalvoException for a statement that cannot be planned
   */
  public ResultStream execute(String sql) {
    return execute(sql, List.of());
  }

  /**
   * Binds {@code parameters} to the statement's {@code ?} markers, in order, then plans and
   * starts it like {@link #execute(String)}. Values use the executor's Java representation (see
   * {@link DataType}); null is SQL NULL.
   *
   * @throws SalvoException PARAMETER_COUNT_MISMATCH when the number of values is not the number
   *     of markers, or any error {@link #execute(String)} throws
   */
  public ResultStream execute(String sql, List<?> parameters) {
    SqlNode statement = parse(sql);
    if (statement instanceof SqlExplainAnalyze analyze) {
      // Never cached: its answer is a fresh run's figures.
      return start(explainAnalyzePlan(planner.plan(analyze.query()).execPlan()),
          warnings(statement));
    }
    CachedPlan cached = plans.get(new PlanKey(sql, nullsAllowed(parameters)),
        key -> planStatement(sql, statement, parameters));
    return start(cached.plan(), cached.warnings());
  }

  private CachedPlan planStatement(String sql, SqlNode statement, List<?> parameters) {
    SqlNode explained = QueryPlanner.explicandum(statement);
    SqlNode query = explained != null ? explained : statement;
    if (!parameters.isEmpty() || hasDynamicParameters(query)) {
      RowType parameterTypes = prepare(sql).parameterTypes();
      query = parameterBinder.bind(query, parameterTypes, parameters);
    }
    PlannedQuery planned = planner.plan(query);
    return new CachedPlan(explained != null ? explainPlan(planned) : planned.execPlan(),
        warnings(statement));
  }

  /** {@code values} in a list that may serve as a key; {@link List#copyOf} refuses nulls. */
  private static List<?> nullsAllowed(List<?> values) {
    return java.util.Collections.unmodifiableList(new ArrayList<>(values));
  }

  /**
   * Checks {@code sql} and describes it without running it: the types of its {@code ?}
   * parameters and of its result columns. Cheaper than planning: only parses and validates.
   *
   * @throws SalvoException for a statement that cannot be planned; NOT_SUPPORTED for a statement
   *     that is not a query
   */
  public QuerySignature prepare(String sql) {
    // Each call parses afresh: validation rewrites the tree it checks.
    return signatures.get(sql, this::describe);
  }

  private QuerySignature describe(String sql) {
    SqlNode statement = parse(sql);
    boolean explain = QueryPlanner.explicandum(statement) != null;
    QuerySignature signature = planner.describe(queryOf(statement));
    return explain ? new QuerySignature(signature.parameterTypes(), EXPLAIN_ROW_TYPE)
        : signature;
  }

  /** Plans {@code sql} without running it, for EXPLAIN and tests. */
  public PlannedQuery plan(String sql) {
    SqlNode statement = parse(sql);
    if (statement instanceof SqlExplainAnalyze analyze) {
      return planner.plan(analyze.query());
    }
    SqlNode explained = QueryPlanner.explicandum(statement);
    return planner.plan(explained != null ? explained : statement);
  }

  private static SqlNode parse(String sql) {
    SqlNode statement = SalvoParser.parseStatement(sql);
    SalvoHints.validateHints(statement);
    SqlNode query = QueryPlanner.explicandum(statement);
    requireQuery(query != null ? query : statement);
    return statement;
  }

  private static SqlNode queryOf(SqlNode statement) {
    SqlNode explained = QueryPlanner.explicandum(statement);
    return explained != null ? explained : statement;
  }

  private static boolean hasDynamicParameters(SqlNode statement) {
    boolean[] found = {false};
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam parameter) {
        found[0] = true;
        return null;
      }
    });
    return found[0];
  }

  private static void requireQuery(SqlNode statement) {
    if (!statement.isA(SqlKind.QUERY)) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, statement.getKind().sql.replace('_', ' ')
          + " statements are not supported yet; Salvo runs queries (SELECT, VALUES, WITH,"
          + " EXPLAIN) only", statement.getParserPosition().getLineNum(),
          statement.getParserPosition().getColumnNum(), null);
    }
  }

  private static ExecNode explainPlan(PlannedQuery query) {
    List<List<Object>> rows = new ArrayList<>();
    for (String line : QueryPlanner.explainLines(query)) {
      rows.add(List.of(line));
    }
    return new ValuesNode(EXPLAIN_ROW_TYPE, rows);
  }

  /**
   * Runs {@code plan} to its end, dropping its rows, and answers the plan with the figures each
   * operator recorded. A failure of the query fails the EXPLAIN ANALYZE.
   */
  private ExecNode explainAnalyzePlan(ExecNode plan) {
    String queryId = "q" + querySequence.incrementAndGet();
    QueryStatistics statistics;
    try (BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        config.queryMaxMemoryBytes())) {
      QueryContext context = new QueryContext(queryId, allocator, config.parallelism(),
          config.batchSize());
      statistics = context.enableStatistics();
      try (ResultStream stream = runner.execute(plan, context)) {
        for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
          batch.close();
        }
      }
    }
    List<List<Object>> rows = new ArrayList<>();
    for (String line : AnalyzedPlanPrinter.print(plan, statistics)) {
      rows.add(List.of(line));
    }
    return new ValuesNode(RowType.of(new Column("plan", DataType.VARCHAR.withNullable(false))),
        rows);
  }

  private static List<String> warnings(SqlNode statement) {
    return SalvoHints.unknownHints(statement).stream()
        .map(name -> "Unknown hint " + name + " was ignored")
        .toList();
  }

  private ResultStream start(ExecNode plan, List<String> warnings) {
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
    return new QueryResultStream(stream, allocator, warnings);
  }

  @Override
  public void close() {
    runner.close();
    planner.close();
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
    private final List<String> warnings;

    QueryResultStream(ResultStream delegate, BufferAllocator allocator, List<String> warnings) {
      this.delegate = delegate;
      this.allocator = allocator;
      this.warnings = List.copyOf(warnings);
    }

    @Override
    public List<String> warnings() {
      return warnings;
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
