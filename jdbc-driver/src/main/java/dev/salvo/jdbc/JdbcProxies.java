package dev.salvo.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the JDBC objects of Arrow's driver so that every SQLException (and every unchecked
 * exception the driver lets escape) reaches the application with Salvo's SQLSTATE, and so that
 * {@code getConnection()} and {@code getStatement()} lead back to the wrapped objects. Also fills
 * the gaps of Arrow's driver: {@code Statement.cancel()} before the first batch,
 * {@code DatabaseMetaData.getTypeInfo()}, and the connection's catalog and schema, which are
 * the server session's defaults for names without them (see {@link SessionDefaults}).
 */
final class JdbcProxies {
  /** The JDBC interfaces whose instances are wrapped when a wrapped method returns one. */
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class,
      ResultSetMetaData.class);

  /** Display width for values with no useful precision (unbounded text, binary). */
  private static final int DEFAULT_DISPLAY_SIZE = 40;

  private JdbcProxies() {}

  /** JDBC's {@code getTypeInfo} columns, in order. */
  private static final List<RowsResultSet.Column> TYPE_INFO_COLUMNS = List.of(
      new RowsResultSet.Column("TYPE_NAME", Types.VARCHAR),
      new RowsResultSet.Column("DATA_TYPE", Types.INTEGER),
      new RowsResultSet.Column("PRECISION", Types.INTEGER),
      new RowsResultSet.Column("LITERAL_PREFIX", Types.VARCHAR),
      new RowsResultSet.Column("LITERAL_SUFFIX", Types.VARCHAR),
      new RowsResultSet.Column("CREATE_PARAMS", Types.VARCHAR),
      new RowsResultSet.Column("NULLABLE", Types.SMALLINT),
      new RowsResultSet.Column("CASE_SENSITIVE", Types.BOOLEAN),
      new RowsResultSet.Column("SEARCHABLE", Types.SMALLINT),
      new RowsResultSet.Column("UNSIGNED_ATTRIBUTE", Types.BOOLEAN),
      new RowsResultSet.Column("FIXED_PREC_SCALE", Types.BOOLEAN),
      new RowsResultSet.Column("AUTO_INCREMENT", Types.BOOLEAN),
      new RowsResultSet.Column("LOCAL_TYPE_NAME", Types.VARCHAR),
      new RowsResultSet.Column("MINIMUM_SCALE", Types.SMALLINT),
      new RowsResultSet.Column("MAXIMUM_SCALE", Types.SMALLINT),
      new RowsResultSet.Column("SQL_DATA_TYPE", Types.INTEGER),
      new RowsResultSet.Column("SQL_DATETIME_SUB", Types.INTEGER),
      new RowsResultSet.Column("NUM_PREC_RADIX", Types.INTEGER));

  /**
   * A connection that behaves like {@code connection} but reports Salvo's errors, cancels
   * statements on the server through {@code sideChannel}, answers {@code getTypeInfo}, and
   * reads and changes its session's default catalog and schema.
   *
   * @param connectionId the id Arrow's driver sends with each of this connection's calls
   */
  static Connection connection(Connection connection, ServerSideChannel sideChannel,
      String connectionId) {
    ConnectionHandler handler = new ConnectionHandler(connection, sideChannel, connectionId);
    Connection proxy = (Connection) Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
    handler.self = proxy;
    return proxy;
  }

  private static Object wrap(Object value, Class<?> declared, Object connection, Object owner) {
    if (value == null || Proxy.isProxyClass(value.getClass())) {
      return value;
    }
    for (Class<?> type : WRAPPED) {
      if (declared.isAssignableFrom(type) && type.isInstance(value)
          || declared == type) {
        Handler handler = new Handler(value, type, connection);
        Object proxy = Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
            new Class<?>[] {type}, handler);
        handler.self = proxy;
        handler.owner = owner;
        return proxy;
      }
    }
    return value;
  }

  /** Forwards calls, translating errors and wrapping JDBC objects handed out. */
  private static class Handler implements InvocationHandler {
    final Object target;
    final Class<?> type;
    Object connection;
    Object owner;
    Object self;
    /** Statements only: how many execute calls are under way on other threads. */
    final AtomicInteger executing = new AtomicInteger();
    /** Statements only: cancel() was called since the last execute began. */
    volatile boolean cancelRequested;

    Handler(Object target, Class<?> type, Object connection) {
      this.target = target;
      this.type = type;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      switch (method.getName()) {
        case "unwrap":
          if (((Class<?>) arguments[0]).isInstance(proxy)) {
            return proxy;
          }
          break;
        case "isWrapperFor":
          if (((Class<?>) arguments[0]).isInstance(proxy)) {
            return true;
          }
          break;
        case "getConnection":
          if (arguments == null && connection != null) {
            return connection;
          }
          break;
        case "getStatement":
          if (arguments == null && owner instanceof Statement) {
            return owner;
          }
          break;
        case "equals":
          return proxy == arguments[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "Salvo " + target;
        case "getColumnDisplaySize":
          // Arrow's driver reports 0, which makes table-drawing tools print empty columns.
          return displaySize((ResultSetMetaData) target, (Integer) arguments[0]);
        default:
          break;
      }
      if (target instanceof Statement) {
        return statementCall(method, arguments);
      }
      if (target instanceof ResultSet && owner != null && Proxy.isProxyClass(owner.getClass())
          && Proxy.getInvocationHandler(owner) instanceof Handler statement) {
        try {
          return forward(method, arguments);
        } catch (SQLException e) {
          throw statement.cancelledOr(e);
        }
      }
      if (target instanceof DatabaseMetaData && method.getName().equals("getTypeInfo")) {
        return RowsResultSet.of(TYPE_INFO_COLUMNS, connectionHandler().sideChannel.typeInfo());
      }
      return forward(method, arguments);
    }

    private ConnectionHandler connectionHandler() {
      return (ConnectionHandler) Proxy.getInvocationHandler(connection);
    }

    /**
     * Arrow's driver cancels only a result that has started to arrive: a statement still
     * waiting for its first batch is cancelled on the server, which knows the connection's
     * queries by the id the connection sends.
     */
    private Object statementCall(Method method, Object[] arguments) throws Throwable {
      String name = method.getName();
      if (name.equals("cancel")) {
        cancelRequested = true;
        Object result = forward(method, arguments);
        if (executing.get() > 0) {
          ConnectionHandler owner = connectionHandler();
          owner.sideChannel.cancelQueries(owner.connectionId);
        }
        return result;
      }
      if (!name.startsWith("execute")) {
        return forward(method, arguments);
      }
      cancelRequested = false;
      executing.incrementAndGet();
      try {
        return forward(method, arguments);
      } catch (SQLException e) {
        throw cancelledOr(e);
      } finally {
        executing.decrementAndGet();
      }
    }

    /**
     * After {@code cancel()}, Arrow's driver fails the statement with its own message and no
     * SQLSTATE when it stopped the stream itself: report the cancellation as the server would.
     */
    SQLException cancelledOr(SQLException error) {
      if (!cancelRequested || error.getSQLState() != null) {
        return error;
      }
      return new SQLException("QUERY_CANCELLED: The statement was cancelled", "57014", error);
    }

    private static int displaySize(ResultSetMetaData metadata, int column) throws SQLException {
      try {
        int reported = metadata.getColumnDisplaySize(column);
        if (reported > 0) {
          return reported;
        }
        int precision = metadata.getPrecision(column);
        int width = precision > 0 && precision < 4096 ? precision + 2 : DEFAULT_DISPLAY_SIZE;
        return Math.max(width, metadata.getColumnLabel(column).length());
      } catch (RuntimeException e) {
        throw SalvoErrors.translate(e);
      }
    }

    Object forward(Method method, Object[] arguments) throws Throwable {
      Object result;
      try {
        result = method.invoke(target, arguments);
      } catch (InvocationTargetException e) {
        throw translated(e.getCause(), method);
      }
      return wrap(result, method.getReturnType(), connection, self);
    }

    private static Throwable translated(Throwable error, Method method) {
      boolean mayThrowSql = List.of(method.getExceptionTypes()).contains(SQLException.class);
      if (error instanceof SQLException || mayThrowSql) {
        return SalvoErrors.translate(error);
      }
      return error;
    }
  }

  /**
   * The connection: its catalog and schema are asked of and set in its server session, so they
   * are what its SQL resolves names against, also after a {@code SET} or {@code USE} statement.
   */
  private static final class ConnectionHandler extends Handler {
    final ServerSideChannel sideChannel;
    final String connectionId;

    ConnectionHandler(Connection target, ServerSideChannel sideChannel, String connectionId) {
      super(target, Connection.class, null);
      this.sideChannel = sideChannel;
      this.connectionId = connectionId;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      connection = self;
      int arity = arguments == null ? 0 : arguments.length;
      Connection session = (Connection) target;
      switch (method.getName() + "/" + arity) {
        case "getCatalog/0":
          return SessionDefaults.catalog(session);
        case "setCatalog/1":
          SessionDefaults.setCatalog(session, (String) arguments[0]);
          return null;
        case "getSchema/0":
          return SessionDefaults.schema(session);
        case "setSchema/1":
          SessionDefaults.setSchema(session, (String) arguments[0]);
          return null;
        case "close/0":
          try {
            return super.invoke(proxy, method, arguments);
          } finally {
            sideChannel.close();
          }
        default:
          return super.invoke(proxy, method, arguments);
      }
    }
  }
}
