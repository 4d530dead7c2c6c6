package dev.salvo.server.flightsql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.exec.type.RowType;
import dev.salvo.server.query.StatementExecutor;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.planner.QuerySignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.GetSessionOptionsResult;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCatalogs;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTableTypes;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlNullOrdering;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salvo's Flight SQL service: queries and prepared queries with parameters run on the engine
 * and stream back batch by batch; metadata commands answer from the catalog; update commands
 * are refused with NOT_SUPPORTED until Salvo has DDL and DML. Each client connection has a
 * session (by cookie) whose settings Flight's session options read and change: {@code catalog}
 * and {@code schema}, the defaults for names without them, and the other session settings.
 *
 * <p>A query is checked (parsed and validated) when the client asks for its FlightInfo, so
 * errors reach the client there, and planned and started only when the client fetches the
 * ticket, so an unfetched ticket holds no query resources.
 */
public final class SalvoFlightSqlProducer implements FlightSqlProducer {
  private static final Logger LOG = LoggerFactory.getLogger(SalvoFlightSqlProducer.class);

  private final StatementExecutor executor;
  private final BufferAllocator allocator;
  private final CatalogMetadata metadata;
  private final SqlInfoBuilder sqlInfo;
  private final ResultStreamer streamer;
  private final PreparedStatements prepared = new PreparedStatements();
  private final ConnectionSessions sessions;
  private final Map<ByteString, RunningQuery> running = new ConcurrentHashMap<>();

  /**
   * The custom action that cancels every query of one client connection, started or still
   * waiting for its ticket to be fetched; its body is the connection's id (see
   * {@link ClientConnectionId}) and its one result the number of queries cancelled, as text.
   * Salvo's JDBC driver sends it for {@code Statement.cancel()}.
   */
  public static final String CANCEL_CONNECTION_QUERIES = "CancelConnectionQueries";

  /** A fetched ticket's query; cancellable from the moment its ticket is fetched. */
  private static final class RunningQuery {
    final String connectionId;
    private ResultStream stream;
    private boolean cancelled;

    RunningQuery(String connectionId) {
      this.connectionId = connectionId;
    }

    /** Records the started query's stream; false (and the stream cancelled) if too late. */
    synchronized boolean started(ResultStream started) {
      stream = started;
      if (cancelled) {
        started.cancel();
      }
      return !cancelled;
    }

    synchronized void cancel() {
      cancelled = true;
      if (stream != null) {
        stream.cancel();
      }
    }
  }

  /**
   * @param allocator where outgoing batches and metadata results are allocated; a child of the
   *     engine's root allocator, so that result buffers move to it without copying
   */
  public SalvoFlightSqlProducer(StatementExecutor executor, SalvoCatalog catalog,
      BufferAllocator allocator, String serverVersion) {
    this.executor = executor;
    this.sessions = new ConnectionSessions(executor);
    this.allocator = allocator;
    this.metadata = new CatalogMetadata(catalog, allocator);
    this.streamer = new ResultStreamer(allocator);
    this.sqlInfo = new SqlInfoBuilder()
        .withFlightSqlServerName("Salvo")
        .withFlightSqlServerVersion(serverVersion)
        .withFlightSqlServerArrowVersion(Schema.class.getPackage().getImplementationVersion()
            == null ? "18.3.0" : Schema.class.getPackage().getImplementationVersion())
        .withFlightSqlServerReadOnly(true)
        .withFlightSqlServerSql(true)
        .withFlightSqlServerSubstrait(false)
        .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
        .withFlightSqlServerCancel(true)
        .withSqlIdentifierQuoteChar("\"")
        .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlQuotedIdentifierCase(
            SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
        .withSqlNullOrdering(SqlNullOrdering.SQL_NULLS_SORTED_HIGH)
        .withSqlSearchStringEscape("\\")
        .withSqlCatalogTerm("catalog")
        .withSqlSchemaTerm("schema")
        .withSqlDdlCatalog(false)
        .withSqlDdlSchema(false)
        .withSqlDdlTable(false)
        .withSqlTransactionsSupported(false)
        .withSqlBatchUpdatesSupported(false)
        .withSqlSupportsColumnAliasing(true)
        .withSqlNullPlusNullIsNull(true)
        .withSqlSupportsExpressionsInOrderBy(true)
        .withSqlAllTablesAreSelectable(true)
        .withSqlSupportsTableCorrelationNames(true)
        .withSqlSupportsDifferentTableCorrelationNames(false)
        .withSqlSupportsOrderByUnrelated(true)
        .withSqlSupportsLikeEscapeClause(true)
        .withSqlSupportsNonNullableColumns(true)
        .withSqlSupportsIntegrityEnhancementFacility(false)
        .withSqlCatalogAtStart(true)
        .withSqlSelectForUpdateSupported(false)
        .withSqlStoredProceduresSupported(false)
        .withSqlCorrelatedSubqueriesSupported(false)
        .withSqlMaxRowSizeIncludesBlobs(false)
        .withSqlDataDefinitionCausesTransactionCommit(false)
        .withSqlDataDefinitionsInTransactionsIgnored(false)
        .withSqlSavepointsSupported(false)
        .withSqlNamedParametersSupported(false)
        .withSqlLocatorsUpdateCopy(false)
        .withSqlStoredFunctionsUsingCallSyntaxSupported(false)
        .withSqlExtraNameCharacters("")
        .withSqlProcedureTerm("procedure")
        // JDBC reads 0 as "no limit or unknown"; tools such as sqlline ask for these on
        // connect, and Arrow's driver fails on a limit the server does not report.
        .withSqlMaxBinaryLiteralLength(0)
        .withSqlMaxCharLiteralLength(0)
        .withSqlMaxColumnNameLength(0)
        .withSqlMaxColumnsInGroupBy(0)
        .withSqlMaxColumnsInIndex(0)
        .withSqlMaxColumnsInOrderBy(0)
        .withSqlMaxColumnsInSelect(0)
        .withSqlMaxColumnsInTable(0)
        .withSqlMaxConnections(0)
        .withSqlMaxCursorNameLength(0)
        .withSqlMaxIndexLength(0)
        .withSqlDbSchemaNameLength(0)
        .withSqlMaxProcedureNameLength(0)
        .withSqlMaxCatalogNameLength(0)
        .withSqlMaxRowSize(0)
        .withSqlMaxStatementLength(0)
        .withSqlMaxStatements(0)
        .withSqlMaxTableNameLength(0)
        .withSqlMaxTablesInSelect(0)
        .withSqlMaxUsernameLength(0)
        .withSqlDefaultTransactionIsolation(0);
  }

  /** Statements and tickets the endpoint holds state for, for tests and monitoring. */
  public int openStatementCount() {
    return prepared.size();
  }

  // --- Statements ------------------------------------------------------------------------

  @Override
  public void createPreparedStatement(ActionCreatePreparedStatementRequest request,
      CallContext context, StreamListener<Result> listener) {
    answer(listener, () -> {
      String sql = request.getQuery();
      QuerySignature signature = sessionOf(context).prepare(sql);
      ByteString handle = prepared.add(new PreparedStatements.Statement(sql, signature));
      ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult
          .newBuilder()
          .setPreparedStatementHandle(handle)
          // No result columns is how Flight SQL clients tell an update from a query.
          .setDatasetSchema(ByteString.copyFrom(ArrowSchemas.of(signature.updateCount()
              ? RowType.of() : signature.resultType()).serializeAsMessage()))
          .setParameterSchema(ByteString.copyFrom(
              ArrowSchemas.of(signature.parameterTypes()).serializeAsMessage()))
          .build();
      return new Result(Any.pack(result).toByteArray());
    });
  }

  @Override
  public void closePreparedStatement(ActionClosePreparedStatementRequest request,
      CallContext context, StreamListener<Result> listener) {
    prepared.remove(request.getPreparedStatementHandle());
    listener.onCompleted();
  }

  @Override
  public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    return guarded(() -> {
      String sql = command.getQuery();
      QuerySignature signature = sessionOf(context).prepare(sql);
      if (signature.parameterTypes().size() > 0) {
        throw new SalvoException(ErrorCode.PARAMETER_COUNT_MISMATCH, "The statement has "
            + signature.parameterTypes().size() + " parameter(s); prepare it to bind values");
      }
      return ticketInfo(sql, List.of(), signature.resultType(), context, descriptor);
    });
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command,
      CallContext context, FlightDescriptor descriptor) {
    return guarded(() -> {
      PreparedStatements.Statement statement = prepared.get(command.getPreparedStatementHandle());
      return ticketInfo(statement.sql(), statement.parameters(),
          statement.signature().resultType(), context, descriptor);
    });
  }

  @Override
  public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
      FlightDescriptor descriptor) {
    return guarded(() -> new SchemaResult(
        ArrowSchemas.of(sessionOf(context).prepare(command.getQuery()).resultType())));
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command,
      CallContext context, FlightDescriptor descriptor) {
    return guarded(() -> new SchemaResult(ArrowSchemas.of(
        prepared.get(command.getPreparedStatementHandle()).signature().resultType())));
  }

  @Override
  public void getStreamStatement(TicketStatementQuery ticket, CallContext context,
      ServerStreamListener listener) {
    ByteString handle = ticket.getStatementHandle();
    PreparedStatements.Execution execution;
    try {
      execution = prepared.takeExecution(handle);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    run(context, handle, execution.sql(), execution.parameters(), listener);
  }

  @Override
  public void getStreamPreparedStatement(CommandPreparedStatementQuery command,
      CallContext context, ServerStreamListener listener) {
    PreparedStatements.Statement statement;
    try {
      statement = prepared.get(command.getPreparedStatementHandle());
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    run(context, command.getPreparedStatementHandle(), statement.sql(), statement.parameters(),
        listener);
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command,
      CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        PreparedStatements.Statement statement =
            prepared.get(command.getPreparedStatementHandle());
        List<List<Object>> rows = new ArrayList<>();
        while (flightStream.next()) {
          VectorSchemaRoot root = flightStream.getRoot();
          for (int row = 0; row < root.getRowCount(); row++) {
            rows.add(ParameterValues.row(root, row));
          }
        }
        if (rows.size() > 1) {
          throw new SalvoException(ErrorCode.NOT_SUPPORTED, "A query runs with one set of"
              + " parameter values at a time; " + rows.size() + " were bound");
        }
        statement.bind(rows.isEmpty() ? List.of() : rows.get(0));
        byte[] result = DoPutPreparedStatementResult.newBuilder()
            .setPreparedStatementHandle(command.getPreparedStatementHandle()).build()
            .toByteArray();
        try (ArrowBuf buffer = allocator.buffer(result.length)) {
          buffer.writeBytes(result);
          ackStream.onNext(PutResult.metadata(buffer));
        }
        ackStream.onCompleted();
      } catch (Throwable error) {
        ackStream.onError(FlightErrors.toFlight(error));
      }
    };
  }

  @Override
  public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context,
      FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> update(command.getQuery(), List.of(), context, ackStream);
  }

  @Override
  public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command,
      CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
    return () -> {
      PreparedStatements.Statement statement;
      try {
        statement = prepared.get(command.getPreparedStatementHandle());
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
        return;
      }
      update(statement.sql(), statement.parameters(), context, ackStream);
    };
  }

  /**
   * Runs DDL or DML in the connection's session and answers its update count; a query sent as
   * an update is refused rather than answered with a made-up count.
   */
  private void update(String sql, List<Object> parameters, CallContext context,
      StreamListener<PutResult> ackStream) {
    try {
      StatementExecutor session = sessionOf(context);
      if (!session.prepare(sql).updateCount()) {
        throw new SalvoException(ErrorCode.NOT_SUPPORTED,
            "The statement is a query and has no update count; run it with executeQuery");
      }
      long count = 0;
      try (ResultStream result = session.execute(sql, parameters)) {
        Batch batch;
        while ((batch = result.next()) != null) {
          try (Batch rows = batch) {
            for (int row = 0; row < rows.rowCount(); row++) {
              count += ((Number) VectorValues.get(rows.column(0), row)).longValue();
            }
          }
        }
      }
      byte[] answer = DoPutUpdateResult.newBuilder().setRecordCount(count).build()
          .toByteArray();
      try (ArrowBuf buffer = allocator.buffer(answer.length)) {
        buffer.writeBytes(answer);
        ackStream.onNext(PutResult.metadata(buffer));
      }
      ackStream.onCompleted();
    } catch (Throwable error) {
      ackStream.onError(FlightErrors.toFlight(error));
    }
  }

  @Override
  public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
      StreamListener<CancelStatus> listener) {
    CancelStatus status = CancelStatus.NOT_CANCELLABLE;
    for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
      ByteString handle = ticketHandle(endpoint.getTicket());
      RunningQuery query = handle == null ? null : running.get(handle);
      if (query != null) {
        query.cancel();
        status = CancelStatus.CANCELLED;
      }
    }
    listener.onNext(status);
    listener.onCompleted();
  }

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (!CANCEL_CONNECTION_QUERIES.equals(action.getType())) {
      FlightSqlProducer.super.doAction(context, action, listener);
      return;
    }
    String connectionId = new String(action.getBody(), StandardCharsets.UTF_8);
    int cancelled = connectionId.isEmpty() ? 0 : cancelConnectionQueries(connectionId);
    listener.onNext(new Result(Integer.toString(cancelled).getBytes(StandardCharsets.UTF_8)));
    listener.onCompleted();
  }

  private int cancelConnectionQueries(String connectionId) {
    int cancelled = prepared.cancelExecutions(connectionId);
    for (RunningQuery query : running.values()) {
      if (connectionId.equals(query.connectionId)) {
        query.cancel();
        cancelled++;
      }
    }
    LOG.debug("Cancelled {} queries of connection {}", cancelled, connectionId);
    return cancelled;
  }

  // --- Session options ---------------------------------------------------------------------

  /**
   * Changes the connection's session settings: {@code catalog} and {@code schema} (Flight SQL's
   * common options for the defaults of names without them; Arrow's JDBC driver sends
   * {@code catalog} for its connection property of that name) and Salvo's other settings, by
   * the names SET takes. An empty value goes back to the default. All options are applied or
   * none: a bad one fails the call with Salvo's error (code, SQLSTATE, message), which tells
   * the client more than the result's per-option error kinds could.
   */
  @Override
  public void setSessionOptions(SetSessionOptionsRequest request, CallContext context,
      StreamListener<SetSessionOptionsResult> listener) {
    try {
      Map<String, String> changes = new HashMap<>();
      request.getSessionOptions().forEach((name, value) ->
          changes.put(name, SessionOptionText.of(name, value)));
      sessionOf(context).changeSessionSettings(changes);
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
      return;
    }
    listener.onNext(new SetSessionOptionsResult(Map.of()));
    listener.onCompleted();
  }

  /** Answers every session setting as a string option; no {@code schema} when there is none. */
  @Override
  public void getSessionOptions(GetSessionOptionsRequest request, CallContext context,
      StreamListener<GetSessionOptionsResult> listener) {
    Map<String, SessionOptionValue> options = new LinkedHashMap<>();
    try {
      sessionOf(context).sessionSettings().forEach((name, value) -> {
        if (!value.isEmpty()) {
          options.put(name, SessionOptionValueFactory.makeSessionOptionValue(value));
        }
      });
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
      return;
    }
    listener.onNext(new GetSessionOptionsResult(options));
    listener.onCompleted();
  }

  /** Forgets the connection's session; a later call with its cookie starts a fresh one. */
  @Override
  public void closeSession(CloseSessionRequest request, CallContext context,
      StreamListener<CloseSessionResult> listener) {
    SessionCookieMiddleware cookie = context.getMiddleware(SessionCookieMiddleware.KEY);
    if (cookie != null) {
      sessions.close(cookie.sessionId());
    }
    listener.onNext(new CloseSessionResult(CloseSessionResult.Status.CLOSED));
    listener.onCompleted();
  }

  // --- Metadata --------------------------------------------------------------------------

  @Override
  public FlightInfo getFlightInfoSqlInfo(CommandGetSqlInfo command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_SQL_INFO_SCHEMA, descriptor);
  }

  @Override
  public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context,
      ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  @Override
  public FlightInfo getFlightInfoTypeInfo(CommandGetXdbcTypeInfo command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_TYPE_INFO_SCHEMA, descriptor);
  }

  @Override
  public void getStreamTypeInfo(CommandGetXdbcTypeInfo command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> metadata.typeInfo(command));
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(CommandGetCatalogs command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_CATALOGS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    send(listener, metadata::catalogs);
  }

  @Override
  public FlightInfo getFlightInfoSchemas(CommandGetDbSchemas command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_SCHEMAS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamSchemas(CommandGetDbSchemas command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> metadata.schemas(command));
  }

  @Override
  public FlightInfo getFlightInfoTables(CommandGetTables command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA
        : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA, descriptor);
  }

  @Override
  public void getStreamTables(CommandGetTables command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> metadata.tables(command));
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(CommandGetTableTypes command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_TABLE_TYPES_SCHEMA, descriptor);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    send(listener, metadata::tableTypes);
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
      FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_PRIMARY_KEYS_SCHEMA, descriptor);
  }

  @Override
  public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
      ServerStreamListener listener) {
    send(listener, metadata::primaryKeys);
  }

  // Salvo's tables have no keys, so there are no foreign keys either: empty answers are true.

  @Override
  public FlightInfo getFlightInfoExportedKeys(CommandGetExportedKeys command,
      CallContext context, FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_EXPORTED_KEYS_SCHEMA, descriptor);
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(CommandGetImportedKeys command,
      CallContext context, FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_IMPORTED_KEYS_SCHEMA, descriptor);
  }

  @Override
  public FlightInfo getFlightInfoCrossReference(CommandGetCrossReference command,
      CallContext context, FlightDescriptor descriptor) {
    return commandInfo(command, Schemas.GET_CROSS_REFERENCE_SCHEMA, descriptor);
  }

  @Override
  public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> MetadataRows.fill(Schemas.GET_EXPORTED_KEYS_SCHEMA, List.of(),
        allocator));
  }

  @Override
  public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> MetadataRows.fill(Schemas.GET_IMPORTED_KEYS_SCHEMA, List.of(),
        allocator));
  }

  @Override
  public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
      ServerStreamListener listener) {
    send(listener, () -> MetadataRows.fill(Schemas.GET_CROSS_REFERENCE_SCHEMA, List.of(),
        allocator));
  }

  @Override
  public void listFlights(CallContext context, Criteria criteria,
      StreamListener<FlightInfo> listener) {
    listener.onError(FlightErrors.notSupported("Salvo does not list flights; send SQL instead"));
  }

  @Override
  public void close() {
    for (RunningQuery query : running.values()) {
      query.cancel();
    }
  }

  // --- Helpers ---------------------------------------------------------------------------

  private void run(CallContext context, ByteString handle, String sql, List<Object> parameters,
      ServerStreamListener listener) {
    // Registered before planning, so that a cancel arriving while the query plans stops it.
    RunningQuery query = new RunningQuery(ClientConnectionId.of(context));
    running.put(handle, query);
    try {
      ResultStream result;
      try {
        result = sessionOf(context).execute(sql, parameters);
      } catch (RuntimeException e) {
        listener.error(FlightErrors.toFlight(e));
        return;
      }
      if (!query.started(result)) {
        result.close();
        listener.error(FlightErrors.toFlight(new SalvoException(ErrorCode.QUERY_CANCELLED,
            "The query was cancelled before it started")));
        return;
      }
      streamer.stream(result, listener);
    } finally {
      running.remove(handle, query);
    }
  }

  /**
   * The session of the call's client connection; a call without the middleware (a test
   * driving the producer directly) gets a session of its own.
   */
  private StatementExecutor sessionOf(CallContext context) {
    SessionCookieMiddleware cookie = context.getMiddleware(SessionCookieMiddleware.KEY);
    return cookie == null ? executor.openSession(Map.of()) : sessions.session(cookie.sessionId());
  }

  /** Client connections the endpoint keeps session settings for. */
  public int sessionCount() {
    return sessions.size();
  }

  private FlightInfo ticketInfo(String sql, List<Object> parameters, RowType resultType,
      CallContext context, FlightDescriptor descriptor) {
    ByteString handle = prepared.addExecution(sql, parameters, ClientConnectionId.of(context));
    TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
        .setStatementHandle(handle).build();
    return new FlightInfo(ArrowSchemas.of(resultType), descriptor,
        List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
  }

  private static FlightInfo commandInfo(Message command, Schema schema,
      FlightDescriptor descriptor) {
    return new FlightInfo(schema, descriptor,
        List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))), -1, -1);
  }

  private static ByteString ticketHandle(Ticket ticket) {
    try {
      Any any = Any.parseFrom(ticket.getBytes());
      return any.is(TicketStatementQuery.class)
          ? any.unpack(TicketStatementQuery.class).getStatementHandle() : null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static void send(ServerStreamListener listener, Supplier<VectorSchemaRoot> results) {
    try (VectorSchemaRoot root = results.get()) {
      listener.start(root);
      listener.putNext();
      listener.completed();
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  private static void answer(StreamListener<Result> listener, Supplier<Result> action) {
    Result result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
      return;
    }
    listener.onNext(result);
    listener.onCompleted();
  }

  private static <T> T guarded(Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      if (!(e instanceof SalvoException)) {
        LOG.warn("Flight SQL request failed", e);
      }
      throw FlightErrors.toFlight(e);
    }
  }
}
