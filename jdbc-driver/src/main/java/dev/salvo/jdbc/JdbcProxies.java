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
import java.util.List;

/**
 * Wraps the JDBC objects of Arrow's driver so that every SQLException (and every unchecked
 * exception the driver lets escape) reaches the application with Salvo's SQLSTATE, and so that
 * {@code getConnection()} and {@code getStatement()} lead back to the wrapped objects.
 */
final class JdbcProxies {
  /** The JDBC interfaces whose instances are wrapped when a wrapped method returns one. */
  private static final List<Class<?>> WRAPPED = List.of(CallableStatement.class,
      PreparedStatement.class, Statement.class, ResultSet.class, DatabaseMetaData.class,
      ResultSetMetaData.class);

  /** Display width for values with no useful precision (unbounded text, binary). */
  private static final int DEFAULT_DISPLAY_SIZE = 40;

  private JdbcProxies() {}

  /** A connection that behaves like {@code connection} but reports Salvo's errors. */
  static Connection connection(Connection connection, String catalog, String schema) {
    ConnectionHandler handler = new ConnectionHandler(connection, catalog, schema);
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
      return forward(method, arguments);
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

  /** The connection: also answers the catalog and schema the URL named. */
  private static final class ConnectionHandler extends Handler {
    private volatile String catalog;
    private volatile String schema;

    ConnectionHandler(Connection target, String catalog, String schema) {
      super(target, Connection.class, null);
      this.catalog = catalog;
      this.schema = schema;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      connection = self;
      int arity = arguments == null ? 0 : arguments.length;
      switch (method.getName() + "/" + arity) {
        case "getCatalog/0":
          return catalog;
        case "setCatalog/1":
          catalog = (String) arguments[0];
          return null;
        case "getSchema/0":
          return schema;
        case "setSchema/1":
          schema = (String) arguments[0];
          return null;
        default:
          return super.invoke(proxy, method, arguments);
      }
    }
  }
}
