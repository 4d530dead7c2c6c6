package dev.salvo.sql;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.fragment.PlanResolver;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.exec.runner.QueryRunner;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.statistics.AnalyzedPlanPrinter;
import dev.salvo.exec.statistics.QueryStatistics;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.catalog.store.CatalogStoreConfig;
import dev.salvo.sql.ddl.DdlExecutor;
import dev.salvo.sql.ddl.SqlCreateSalvoSchema;
import dev.salvo.sql.ddl.SqlCreateSalvoTable;
import dev.salvo.sql.ddl.SqlCreateSalvoView;
import dev.salvo.sql.ddl.SqlDropSalvoObject;
import dev.salvo.sql.ddl.SqlShow;
import dev.salvo.sql.dml.DmlPlanner;
import dev.salvo.sql.dml.TableWrite;
import dev.salvo.sql.dml.TableWriteStream;
import dev.salvo.sql.metadata.MetadataQueries;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.FunctionStatements;
import dev.salvo.sql.function.FunctionSystemTables;
import dev.salvo.sql.function.JdbcFunctionStore;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.parser.SqlExplainAnalyze;
import dev.salvo.sql.planner.ErrorSites;
import dev.salvo.sql.planner.ParameterBinder;
import dev.salvo.sql.planner.PlanCache;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QuerySignature;
import dev.salvo.sql.planner.QueryPlanner;
import dev.salvo.sql.session.SessionSettings;
import dev.salvo.sql.session.SessionStatements;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
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
  private final DataDirectory dataDirectory;
  private final CatalogStore store;
  private final DdlExecutor ddl;
  private final DmlPlanner dml;
  private final FunctionRegistry functions;
  private final FunctionStatements functionStatements;
  private final AtomicLong querySequence = new AtomicLong();
  /** What {@link #prepare} answers, by SQL text: drivers describe a statement before each run. */
  private final PlanCache<SignatureKey, QuerySignature> signatures;
  /** Executor plans by SQL text and bound values: most traffic repeats a few statements. */
  private final PlanCache<PlanKey, CachedPlan> plans;

  /**
   * A statement, the values bound to its parameters and the catalog snapshot it was planned
   * against, as the plan cache's key. Every commit (DDL, INSERT, DELETE) replaces the immutable
   * snapshot, and snapshots compare by identity, so a plan never outlives the table versions it
   * reads. Of the session's settings only the default catalog and schema are part of it, as
   * they decide what the names mean; the others shape execution, not plans.
   */
  private record PlanKey(String sql, List<?> parameters, Object catalogSnapshot,
      DefaultSchema defaults) {}

  /**
   * A statement, the catalog snapshot it was described against and the default catalog and
   * schema its names were resolved in.
   */
  private record SignatureKey(String sql, Object catalogSnapshot, DefaultSchema defaults) {}

  /**
   * An executor plan ready to run (plans are immutable, so queries share them) and the
   * signature preparing its statement answers.
   */
  private record CachedPlan(ExecNode plan, List<String> warnings, QuerySignature signature,
      ErrorSites errorSites) {}

  /**
   * Opens the data directory and its catalog store (creating or migrating it) and deletes data
   * files no committed table version lists, the leftovers of statements a crash interrupted.
   *
   * @throws SalvoException INVALID_CONFIGURATION or CATALOG_STORE_ERROR when the data directory
   *     or the catalog store cannot be opened
   */
  public SalvoEngine(EngineConfig config) {
    this(config, new UdfRuntime(UdfRuntimeSettings.DEFAULTS), Map.of());
  }

  /**
   * An engine whose {@code system} schema also holds {@code systemTables} (table name to source),
   * such as a {@link dev.salvo.sql.system.SnapshotTableSource} over the embedder's own state.
   */
  public SalvoEngine(EngineConfig config, Map<String, TableSource> systemTables) {
    this(config, new UdfRuntime(UdfRuntimeSettings.DEFAULTS), systemTables);
  }

  /** An engine running user-defined functions on {@code udfRuntime}, which it takes over. */
  public SalvoEngine(EngineConfig config, UdfRuntime udfRuntime) {
    this(config, udfRuntime, Map.of());
  }

  /**
   * Like {@link #SalvoEngine(EngineConfig, Map)}, running user-defined functions on
   * {@code udfRuntime}, which the engine takes over and closes. Functions are kept in the catalog
   * store, their jars copied under the data directory, and reloaded here.
   */
  public SalvoEngine(EngineConfig config, UdfRuntime udfRuntime,
      Map<String, TableSource> systemTables) {
    this.config = config;
    this.dataDirectory = DataDirectory.open(config.dataDirectory());
    CatalogStore openedStore;
    try {
      openedStore = CatalogStore.open(config.catalogStore() != null ? config.catalogStore()
          : CatalogStoreConfig.embeddedIn(dataDirectory.path()));
      dataDirectory.deleteUncommittedFiles(openedStore);
    } catch (RuntimeException e) {
      dataDirectory.close();
      throw e;
    }
    this.store = openedStore;
    FunctionRegistry registry;
    try {
      registry = new FunctionRegistry(udfRuntime, new JdbcFunctionStore(store.dataSource()),
          dataDirectory.path().resolve("udf-jars"));
      registry.loadStored();
    } catch (RuntimeException e) {
      udfRuntime.close();
      store.close();
      dataDirectory.close();
      throw e;
    }
    this.functions = registry;
    this.functionStatements = new FunctionStatements(registry);
    this.rootAllocator = new RootAllocator(config.maxMemoryBytes());
    this.runner = new NativeQueryRunner(config.parallelism());
    this.catalog = SalvoCatalog.withStoreAndFiles(config.tpchSchemas(), store,
        dataDirectory.tablesDirectory(), dataDirectory.path())
        .withSystemTables(FunctionSystemTables.of(registry))
        .withSystemTables(systemTables);
    this.planner = new QueryPlanner(catalog, registry);
    this.ddl = new DdlExecutor(store, dataDirectory.tablesDirectory(), planner);
    this.dml = new DmlPlanner(store, dataDirectory.tablesDirectory(), planner);
    this.signatures = new PlanCache<>(PLAN_CACHE_SIZE);
    this.plans = new PlanCache<>(PLAN_CACHE_SIZE);
  }

  /**
   * Forgets every cached plan and statement description. Commits to the catalog store need no
   * call (cache keys carry the catalog snapshot); call it when anything else plans depend on
   * changes, such as the functions a query may call.
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

  /** The user-defined functions and the runtime that runs them. */
  public FunctionRegistry functions() {
    return functions;
  }

  /** The catalogs, schemas and tables SQL names resolve against, for metadata queries. */
  /** The data directory in use (a temporary one when the configuration names none). */
  public java.nio.file.Path dataDirectory() {
    return dataDirectory.path();
  }

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

  /** A session with every setting at the engine's configured default. */
  public SalvoSession newSession() {
    return new SalvoSession(this, SessionSettings.defaults(config));
  }

  /**
   * A session whose settings start from {@code properties} (setting name to value as text, as
   * {@code SET} takes them: {@code batch_size=100}, {@code query_max_memory=512MB},
   * {@code schema=tpch.tiny}).
   *
   * @throws SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for a bad property;
   *     CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND for a default catalog or schema that does not
   *     exist
   */
  public SalvoSession newSession(Map<String, String> properties) {
    return new SalvoSession(this,
        checkedDefaults(null, SessionSettings.of(config, properties)));
  }

  /**
   * {@code changed}, with its default catalog and schema checked to exist and spelled as the
   * catalog spells them, when they differ from those of {@code before} (null: always). A
   * default schema that stopped existing (dropped since) thus does not block changes to other
   * settings; queries naming tables in it fail as they would anyway.
   *
   * @throws SalvoException CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND
   */
  SessionSettings checkedDefaults(SessionSettings before, SessionSettings changed) {
    DefaultSchema wanted = changed.defaultSchema();
    if (before != null && before.defaultSchema().equals(wanted)) {
      return changed;
    }
    DefaultSchema resolved = catalog.resolve(wanted);
    return resolved.equals(wanted) ? changed : changed.withDefaultSchema(resolved);
  }

  /**
   * Plans {@code sql} and starts running it in a session of its own, with default settings
   * (a SET here changes nothing that lasts: use {@link #newSession()}). Parse and validation errors are thrown here, with
   * line and column; execution errors surface from the returned stream, which the caller must
   * close.
   *
   * <p>Queries answer their rows. DDL (CREATE/DROP SCHEMA, TABLE, VIEW) is done when this
   * returns and answers one row {@code rows BIGINT} = 0. INSERT, CREATE TABLE AS and DELETE
   * write and commit while the returned stream is read, and answer one row {@code rows BIGINT}:
   * the rows inserted or deleted; closing the stream before reading it rolls the statement
   * back. SHOW and DESCRIBE answer queries over {@code information_schema}.
   *
   * @throws SalvoException for a statement that cannot be planned
   */
  public ResultStream execute(String sql) {
    return execute(sql, List.of());
  }

  /**
   * Like {@link #execute(String)}, with the settings of {@code options} instead of the
   * engine's.
   */
  public ResultStream execute(String sql, QueryOptions options) {
    return execute(compile(sql), options);
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
    return newSession().execute(sql, parameters);
  }

  /**
   * Parses, validates and plans {@code sql} in a session of its own, without running it; see
   * {@link SalvoSession#compile(String)}. Named apart from {@link #prepare(String)}, which only
   * describes a statement, because this one does all the planning work up front.
   *
   * @throws SalvoException for a statement that cannot be planned, with line and column
   */
  public ExecutableQuery compile(String sql) {
    return newSession().compile(sql);
  }

  /** Compiles one statement of {@code session}: see {@link SalvoSession#compile(String)}. */
  ExecutableQuery compile(SalvoSession session, String sql) {
    SqlNode statement = parse(sql);
    DefaultSchema defaults = session.settings().defaultSchema();
    if (SessionStatements.isSessionStatement(statement) || isTableStatement(statement)
        || statement instanceof SqlExplainAnalyze) {
      // These act when they run (SET changes the session, DDL and DML change tables, EXPLAIN
      // ANALYZE runs its query), so only their checks and their result's columns happen now.
      RowType rowType = statement instanceof SqlExplainAnalyze ? EXPLAIN_ROW_TYPE
          : prepare(sql, defaults).resultType();
      return new ExecutableQuery(sql, session, rowType, null, List.of(), ErrorSites.NONE);
    }
    // Binding no values reports the markers that have none.
    CachedPlan cached = cachedPlan(sql, statement, List.of(), defaults);
    return new ExecutableQuery(sql, session, null, cached.plan(), cached.warnings(),
        cached.errorSites());
  }

  /**
   * Starts running a compiled statement with its session's settings, where {@code options} does
   * not override them; the caller must close the returned stream, which releases the query's
   * memory.
   *
   * @throws SalvoException INVALID_ARGUMENT when {@code options} asks for more memory than the
   *     engine's per-query limit
   */
  public ResultStream execute(ExecutableQuery query, QueryOptions options) {
    if (query.plan() == null) {
      return execute(query.session(), query.sql(), List.of(), options);
    }
    return start(query.plan(), query.warnings(), query.errorSites(), query.session().settings(),
        options);
  }

  /** The built-in named SQL functions queries can call. */
  public List<FunctionInfo> builtInFunctions() {
    return BuiltInFunctions.ALL;
  }

  /** Arrow memory all queries hold together right now. */
  public long allocatedMemory() {
    return rootAllocator.getAllocatedMemory();
  }

  /** Runs one statement of {@code session}: see {@link SalvoSession#execute(String, List)}. */
  ResultStream execute(SalvoSession session, String sql, List<?> parameters) {
    return execute(session, sql, parameters, QueryOptions.DEFAULTS);
  }

  private ResultStream execute(SalvoSession session, String sql, List<?> parameters,
      QueryOptions options) {
    // Only queries have cached plans, so a statement found there needs no parsing to tell
    // what it is: the common case of a driver running what it has just prepared.
    PlanKey key = new PlanKey(sql, nullsAllowed(parameters), catalog.snapshot(),
        session.settings().defaultSchema());
    CachedPlan prepared = plans.getIfPresent(key);
    if (prepared != null) {
      return start(prepared.plan(), prepared.warnings(), prepared.errorSites(),
          session.settings(), options);
    }
    SqlNode statement = parse(sql);
    if (SessionStatements.isSessionStatement(statement)) {
      boolean namesDefaults = SessionStatements.namesDefaultSchema(statement);
      List<List<Object>> rows = SessionStatements.run(statement,
          change -> session.update(change, namesDefaults));
      return start(new ValuesNode(SessionStatements.ROW_TYPE, rows), List.of(),
          session.settings(), options);
    }
    SessionSettings settings = session.settings();
    DefaultSchema defaults = settings.defaultSchema();
    if (isTableStatement(statement) && !parameters.isEmpty()) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Parameters are supported in queries"
          + " only, not yet in " + statement.getKind().sql.replace('_', ' ') + " statements");
    }
    if (FunctionStatements.handles(statement)) {
      return start(functionStatements.execute(statement, sql), List.of(), settings, options);
    }
    if (statement instanceof SqlCreateSalvoTable create && create.query() != null) {
      return startWrite(dml.createTableAs(create, defaults), settings, options);
    } else if (statement instanceof SqlInsert insert) {
      return startWrite(dml.insert(insert, defaults), settings, options);
    } else if (statement instanceof SqlDelete delete) {
      return startWrite(dml.delete(delete, defaults), settings, options);
    } else if (statement instanceof SqlCreateSalvoTable create) {
      ddl.execute(create, defaults);
      return start(updateCount(0), List.of(), settings, options);
    } else if (statement instanceof SqlCreateSalvoSchema create) {
      ddl.execute(create);
      return start(updateCount(0), List.of(), settings, options);
    } else if (statement instanceof SqlCreateSalvoView create) {
      ddl.execute(create, sql, defaults);
      return start(updateCount(0), List.of(), settings, options);
    } else if (statement instanceof SqlDropSalvoObject drop) {
      ddl.execute(drop, defaults);
      return start(updateCount(0), List.of(), settings, options);
    } else if (statement instanceof SqlShow show) {
      return execute(session, MetadataQueries.rewrite(show, catalog, defaults), List.of(),
          options);
    } else if (statement instanceof SqlDescribeTable describe) {
      return execute(session, MetadataQueries.rewrite(describe, catalog, defaults),
          List.of(), options);
    } else if (statement instanceof SqlUpdate || statement instanceof SqlMerge) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "UPDATE and MERGE are not supported"
          + " yet; DELETE and INSERT the rows instead", statement.getParserPosition()
          .getLineNum(), statement.getParserPosition().getColumnNum(), null);
    }
    if (statement instanceof SqlExplainAnalyze analyze) {
      // Never cached: its answer is a fresh run's figures.
      ExecNode analyzed = planner.plan(analyze.query(), defaults).execPlan();
      return start(explainAnalyzePlan(analyzed, settings), warnings(statement), settings,
          options);
    }
    CachedPlan cached = cachedPlan(sql, statement, parameters, defaults);
    return start(cached.plan(), cached.warnings(), cached.errorSites(), settings, options);
  }

  /** The plan of a query or EXPLAIN, from the cache unless it reads files that may change. */
  private CachedPlan cachedPlan(String sql, SqlNode statement, List<?> parameters,
      DefaultSchema defaults) {
    return readsFiles(statement) ? planStatement(sql, statement, parameters, defaults)
        : plans.get(new PlanKey(sql, nullsAllowed(parameters), catalog.snapshot(), defaults),
            key -> planStatement(sql, statement, parameters, defaults));
  }

  private CachedPlan planStatement(String sql, SqlNode statement, List<?> parameters,
      DefaultSchema defaults) {
    SqlNode explained = QueryPlanner.explicandum(statement);
    SqlNode query = explained != null ? explained : statement;
    if (!parameters.isEmpty() || hasDynamicParameters(query)) {
      RowType parameterTypes = prepare(sql, defaults).parameterTypes();
      query = parameterBinder.bind(query, parameterTypes, parameters);
    }
    PlannedQuery planned = planner.plan(query, defaults);
    if (explained != null) {
      return new CachedPlan(explainPlan(planned), warnings(statement), new QuerySignature(
          planned.signature().parameterTypes(), EXPLAIN_ROW_TYPE), ErrorSites.NONE);
    }
    return new CachedPlan(planned.execPlan(), warnings(statement), planned.signature(),
        planned.errorSites());
  }

  /** {@code values} in a list that may serve as a key; {@link List#copyOf} refuses nulls. */
  private static List<?> nullsAllowed(List<?> values) {
    return java.util.Collections.unmodifiableList(new ArrayList<>(values));
  }

  /**
   * Checks {@code sql} and describes it without running it: the types of its {@code ?}
   * parameters and of its result columns. Names resolve as in a new session (see
   * {@link SalvoSession#prepare(String)} for another).
   *
   * <p>A query without parameters is planned completely and its plan cached, because clients
   * prepare a statement right before they run it (the JDBC driver prepares every statement):
   * running it then finds its plan, so it is parsed and validated once, not twice. A query with
   * parameters is only validated, since its plan depends on the values bound later.
   *
   * @throws SalvoException for a statement that cannot be planned; NOT_SUPPORTED for a statement
   *     that is not a query
   */
  public QuerySignature prepare(String sql) {
    return prepare(sql, DefaultSchema.USER_MAIN);
  }

  /** Like {@link #prepare(String)}, resolving names without a schema in {@code defaults}. */
  QuerySignature prepare(String sql, DefaultSchema defaults) {
    // Parsed once here and handed on: validation rewrites the tree it checks, so a tree is
    // used by one validation only, and a cached answer needs none.
    SqlNode statement = parse(sql);
    if (readsFiles(statement)) {
      return describe(sql, statement, defaults);
    }
    return signatures.get(new SignatureKey(sql, catalog.snapshot(), defaults),
        key -> describe(sql, statement, defaults));
  }

  /**
   * Whether {@code statement} may read files of the data directory ({@code files."x.csv"},
   * {@code read_csv(...)} and friends). Their columns are read from the file when planning and
   * files change without a catalog commit, so such statements are never served from the plan
   * cache. Errs on the side of not caching: any name part {@code files} or {@code read_*} counts.
   */
  private static boolean readsFiles(SqlNode statement) {
    boolean[] found = {false};
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlIdentifier identifier) {
        for (String name : identifier.names) {
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          if (lower.equals("files") || lower.startsWith("read_")) {
            found[0] = true;
          }
        }
        return null;
      }

      @Override
      public Void visit(SqlCall call) {
        if (call.getOperator().getName().toLowerCase(java.util.Locale.ROOT)
            .startsWith("read_")) {
          found[0] = true;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  private QuerySignature describe(String sql, SqlNode statement, DefaultSchema defaults) {
    if (SessionStatements.isSessionStatement(statement)) {
      return new QuerySignature(RowType.of(), SessionStatements.ROW_TYPE);
    } else if (statement instanceof SqlShow show) {
      return prepare(MetadataQueries.rewrite(show, catalog, defaults), defaults);
    } else if (statement instanceof SqlDescribeTable describe) {
      return prepare(MetadataQueries.rewrite(describe, catalog, defaults), defaults);
    } else if (FunctionStatements.handles(statement)) {
      return new QuerySignature(RowType.of(), FunctionStatements.resultType(statement));
    } else if (isTableStatement(statement)) {
      return new QuerySignature(RowType.of(), TableWriteStream.UPDATE_COUNT, true);
    }
    boolean explain = QueryPlanner.explicandum(statement) != null;
    if (!readsFiles(statement) && !hasDynamicParameters(queryOf(statement))) {
      return plans.get(new PlanKey(sql, List.of(), catalog.snapshot(), defaults),
          key -> planStatement(sql, statement, List.of(), defaults)).signature();
    }
    QuerySignature signature = planner.describe(queryOf(statement), defaults);
    return explain ? new QuerySignature(signature.parameterTypes(), EXPLAIN_ROW_TYPE)
        : signature;
  }

  /** Plans {@code sql} without running it, for EXPLAIN and tests. */
  public PlannedQuery plan(String sql) {
    SqlNode statement = parse(sql);
    if (SessionStatements.isSessionStatement(statement)) {
      requireQuery(statement);
    }
    if (statement instanceof SqlExplainAnalyze analyze) {
      return planner.plan(analyze.query());
    }
    SqlNode explained = QueryPlanner.explicandum(statement);
    return planner.plan(explained != null ? explained : statement);
  }

  private static SqlNode parse(String sql) {
    SqlNode statement = SalvoParser.parseStatement(sql);
    if (SessionStatements.isSessionStatement(statement)) {
      return statement;
    }
    SalvoHints.validateHints(statement);
    SqlNode query = statement instanceof SqlExplainAnalyze analyze ? analyze.query()
        : QueryPlanner.explicandum(statement);
    if (!isTableStatement(statement)) {
      requireQuery(query != null ? query : statement);
    }
    return statement;
  }

  /** DDL, DML and metadata statements: those {@link #execute} handles besides queries. */
  private static boolean isTableStatement(SqlNode statement) {
    return statement instanceof SqlCreateSalvoTable || statement instanceof SqlCreateSalvoSchema
        || statement instanceof SqlCreateSalvoView || statement instanceof SqlDropSalvoObject
        || statement instanceof SqlInsert || statement instanceof SqlDelete
        || statement instanceof SqlShow || statement instanceof SqlDescribeTable
        || FunctionStatements.handles(statement);
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
  private ExecNode explainAnalyzePlan(ExecNode plan, SessionSettings settings) {
    String queryId = "q" + querySequence.incrementAndGet();
    QueryStatistics statistics;
    try (BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        settings.queryMaxMemoryBytes())) {
      QueryContext context = new QueryContext(queryId, allocator, settings.parallelism(),
          settings.batchSize());
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

  /**
   * Resolves the tables and functions of plan fragments shipped to this engine (see
   * {@link dev.salvo.exec.fragment.PlanCodec}) against its catalog and functions.
   */
  public PlanResolver planResolver() {
    return new CatalogPlanResolver(catalog, functions);
  }

  /** The catalog store this engine keeps its tables and views in. */
  public CatalogStore catalogStore() {
    return store;
  }

  private static ExecNode updateCount(long count) {
    return new ValuesNode(TableWriteStream.UPDATE_COUNT, List.of(List.of(count)));
  }

  private ResultStream startWrite(TableWrite write, SessionSettings settings,
      QueryOptions options) {
    String queryId = queryId(options);
    BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        memoryLimit(settings, options));
    ResultStream source = null;
    try {
      if (write.source() != null) {
        QueryContext context = new QueryContext(queryId, allocator,
            options.parallelism().orElse(settings.parallelism()),
            options.batchSize().orElse(settings.batchSize()), progress(options));
        source = runner.execute(write.source(), context);
      }
      return new QueryResultStream(new TableWriteStream(write, source, allocator), allocator,
          List.of(), write.errorSites());
    } catch (RuntimeException e) {
      if (source != null) {
        source.close();
      }
      allocator.close();
      throw SalvoException.wrap(e);
    }
  }

  private String queryId(QueryOptions options) {
    return options.queryId() != null ? options.queryId() : "q" + querySequence.incrementAndGet();
  }

  private static QueryProgress progress(QueryOptions options) {
    return options.progress() != null ? options.progress() : new QueryProgress();
  }

  /**
   * The session's memory limit, or the one {@code options} asks for, which the configured
   * per-query limit caps: a session setting may go up to the whole memory, options may not.
   */
  private long memoryLimit(SessionSettings settings, QueryOptions options) {
    if (options.maxMemoryBytes().isEmpty()) {
      return settings.queryMaxMemoryBytes();
    }
    long memoryLimit = options.maxMemoryBytes().getAsLong();
    if (memoryLimit > config.queryMaxMemoryBytes()) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT, "A query may hold at most "
          + config.queryMaxMemoryBytes() + " bytes of memory; " + memoryLimit + " were asked for");
    }
    return memoryLimit;
  }

  private static List<String> warnings(SqlNode statement) {
    return SalvoHints.unknownHints(statement).stream()
        .map(name -> "Unknown hint " + name + " was ignored")
        .toList();
  }

  /**
   * Starts {@code plan} with the session's batch size, parallelism and memory limit, each
   * unless {@code options} sets it, under the id and progress counters of {@code options}.
   */
  private ResultStream start(ExecNode plan, List<String> warnings, SessionSettings settings,
      QueryOptions options) {
    return start(plan, warnings, ErrorSites.NONE, settings, options);
  }

  /** As above; errors the plan's data raises are placed in its text with {@code errorSites}. */
  private ResultStream start(ExecNode plan, List<String> warnings, ErrorSites errorSites,
      SessionSettings settings, QueryOptions options) {
    String queryId = queryId(options);
    BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        memoryLimit(settings, options));
    QueryContext context;
    try {
      context = new QueryContext(queryId, allocator,
          options.parallelism().orElse(settings.parallelism()),
          options.batchSize().orElse(settings.batchSize()), progress(options));
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
    return new QueryResultStream(stream, allocator, warnings, errorSites);
  }

  @Override
  public void close() {
    runner.close();
    planner.close();
    functions.close();
    store.close();
    dataDirectory.close();
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
    private final ErrorSites errorSites;

    QueryResultStream(ResultStream delegate, BufferAllocator allocator, List<String> warnings,
        ErrorSites errorSites) {
      this.delegate = delegate;
      this.allocator = allocator;
      this.warnings = List.copyOf(warnings);
      this.errorSites = errorSites;
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
      try {
        return delegate.next();
      } catch (SalvoException e) {
        throw errorSites.locate(e);
      }
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
