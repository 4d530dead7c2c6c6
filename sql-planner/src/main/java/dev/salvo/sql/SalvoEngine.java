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
import dev.salvo.exec.error.ErrorCode;
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
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.planner.PlannedQuery;
import dev.salvo.sql.planner.QueryPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
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
  private final DataDirectory dataDirectory;
  private final CatalogStore store;
  private final DdlExecutor ddl;
  private final DmlPlanner dml;
  private final AtomicLong querySequence = new AtomicLong();

  /**
   * Opens the data directory and its catalog store (creating or migrating it) and deletes data
   * files no committed table version lists, the leftovers of statements a crash interrupted.
   *
   * @throws SalvoException INVALID_CONFIGURATION or CATALOG_STORE_ERROR when the data directory
   *     or the catalog store cannot be opened
   */
  public SalvoEngine(EngineConfig config) {
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
    this.rootAllocator = new RootAllocator(config.maxMemoryBytes());
    this.runner = new NativeQueryRunner(config.parallelism());
    this.planner = new QueryPlanner(SalvoCatalog.withStore(config.tpchSchemas(), store,
        dataDirectory.tablesDirectory()));
    this.ddl = new DdlExecutor(store, dataDirectory.tablesDirectory(), planner);
    this.dml = new DmlPlanner(store, dataDirectory.tablesDirectory(), planner);
  }

  public EngineConfig config() {
    return config;
  }

  /**
   * Plans {@code sql} and starts running it. Parse and validation errors are thrown here, with
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
    SqlNode statement = parse(sql);
    if (statement instanceof SqlCreateSalvoTable create && create.query() != null) {
      return startWrite(dml.createTableAs(create));
    } else if (statement instanceof SqlInsert insert) {
      return startWrite(dml.insert(insert));
    } else if (statement instanceof SqlDelete delete) {
      return startWrite(dml.delete(delete));
    } else if (statement instanceof SqlCreateSalvoTable create) {
      ddl.execute(create);
      return start(updateCount(0));
    } else if (statement instanceof SqlCreateSalvoSchema create) {
      ddl.execute(create);
      return start(updateCount(0));
    } else if (statement instanceof SqlCreateSalvoView create) {
      ddl.execute(create, sql);
      return start(updateCount(0));
    } else if (statement instanceof SqlDropSalvoObject drop) {
      ddl.execute(drop);
      return start(updateCount(0));
    } else if (statement instanceof SqlShow show) {
      return execute(MetadataQueries.rewrite(show, store.snapshot()));
    } else if (statement instanceof SqlDescribeTable describe) {
      return execute(MetadataQueries.rewrite(describe, store.snapshot()));
    } else if (statement instanceof SqlUpdate || statement instanceof SqlMerge) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "UPDATE and MERGE are not supported"
          + " yet; DELETE and INSERT the rows instead", statement.getParserPosition()
          .getLineNum(), statement.getParserPosition().getColumnNum(), null);
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

  /** The catalog store this engine keeps its tables and views in. */
  public CatalogStore catalogStore() {
    return store;
  }

  private static ExecNode updateCount(long count) {
    return new ValuesNode(TableWriteStream.UPDATE_COUNT, List.of(List.of(count)));
  }

  private ResultStream startWrite(TableWrite write) {
    String queryId = "q" + querySequence.incrementAndGet();
    BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0,
        config.queryMaxMemoryBytes());
    ResultStream source = null;
    try {
      if (write.source() != null) {
        QueryContext context = new QueryContext(queryId, allocator, config.parallelism(),
            config.batchSize());
        source = runner.execute(write.source(), context);
      }
      return new QueryResultStream(new TableWriteStream(write, source, allocator), allocator);
    } catch (RuntimeException e) {
      if (source != null) {
        source.close();
      }
      allocator.close();
      throw SalvoException.wrap(e);
    }
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
