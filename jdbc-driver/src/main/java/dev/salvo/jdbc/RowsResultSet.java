package dev.salvo.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * A read-only, forward-only JDBC result set over rows already in memory, for metadata answers
 * the driver assembles itself (JDBC's fixed column names and types, values converted as the
 * getters ask).
 */
final class RowsResultSet {
  /** One column: its JDBC name and {@link Types} constant. */
  record Column(String name, int type) {}

  private final List<Column> columns;
  private final List<Object[]> rows;
  private int position = -1;
  private boolean lastWasNull;
  private boolean closed;

  private RowsResultSet(List<Column> columns, List<Object[]> rows) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
  }

  /** A result set of {@code rows}, each with one value per column (null is SQL NULL). */
  static ResultSet of(List<Column> columns, List<Object[]> rows) {
    RowsResultSet state = new RowsResultSet(columns, rows);
    return (ResultSet) Proxy.newProxyInstance(RowsResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, arguments) ->
            state.invoke(proxy, method, arguments));
  }

  private Object invoke(Object proxy, Method method, Object[] arguments) throws SQLException {
    String name = method.getName();
    switch (name) {
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed;
      case "equals":
        return proxy == arguments[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "Salvo result set of " + rows.size() + " rows";
      case "unwrap":
        if (((Class<?>) arguments[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("Not a wrapper for " + arguments[0]);
      case "isWrapperFor":
        return ((Class<?>) arguments[0]).isInstance(proxy);
      default:
        break;
    }
    if (closed) {
      throw new SQLException("The result set is closed", "24000");
    }
    switch (name) {
      case "next":
        position = Math.min(position + 1, rows.size());
        return position < rows.size();
      case "wasNull":
        return lastWasNull;
      case "getMetaData":
        return metadata();
      case "findColumn":
        return columnIndex((String) arguments[0]);
      case "getRow":
        return position >= 0 && position < rows.size() ? position + 1 : 0;
      case "isBeforeFirst":
        return position < 0 && !rows.isEmpty();
      case "isAfterLast":
        return position >= rows.size() && !rows.isEmpty();
      case "getType":
        return ResultSet.TYPE_FORWARD_ONLY;
      case "getConcurrency":
        return ResultSet.CONCUR_READ_ONLY;
      case "getHoldability":
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
      case "getFetchDirection":
        return ResultSet.FETCH_FORWARD;
      case "getFetchSize":
        return 0;
      case "setFetchSize":
      case "clearWarnings":
        return null;
      case "getWarnings":
      case "getStatement":
        return (Statement) null;
      default:
        break;
    }
    if (name.startsWith("get") && arguments != null && arguments.length == 1) {
      return convert(name.substring(3), value(arguments[0]));
    }
    throw new SQLFeatureNotSupportedException(name + " is not supported on a metadata result");
  }

  private Object value(Object column) throws SQLException {
    int index = column instanceof Integer number ? number : columnIndex((String) column);
    if (index < 1 || index > columns.size()) {
      throw new SQLException("Column " + index + " does not exist; there are "
          + columns.size(), "07009");
    }
    if (position < 0 || position >= rows.size()) {
      throw new SQLException("The result set is not on a row", "24000");
    }
    Object value = rows.get(position)[index - 1];
    lastWasNull = value == null;
    return value;
  }

  private int columnIndex(String label) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("No column named " + label, "42703");
  }

  /** The value as the getter {@code get<kind>} returns it; JDBC's zero or false for NULL. */
  private static Object convert(String kind, Object value) throws SQLException {
    switch (kind) {
      case "Object":
        return value;
      case "String":
        return value == null ? null : value.toString();
      case "Boolean":
        return value instanceof Boolean bool ? bool
            : value instanceof Number number && number.intValue() != 0;
      case "BigDecimal":
        return value == null ? null : new BigDecimal(value.toString());
      default:
        break;
    }
    Number number = value == null ? 0 : value instanceof Boolean bool ? (bool ? 1 : 0)
        : value instanceof Number n ? n : null;
    if (number == null) {
      throw new SQLException("Cannot read " + value + " as " + kind.toLowerCase(Locale.ROOT),
          "22018");
    }
    return switch (kind) {
      case "Byte" -> number.byteValue();
      case "Short" -> number.shortValue();
      case "Int" -> number.intValue();
      case "Long" -> number.longValue();
      case "Float" -> number.floatValue();
      case "Double" -> number.doubleValue();
      default -> throw new SQLFeatureNotSupportedException(
          "get" + kind + " is not supported on a metadata result");
    };
  }

  private ResultSetMetaData metadata() {
    return (ResultSetMetaData) Proxy.newProxyInstance(RowsResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("getColumnCount")) {
            return columns.size();
          }
          if (arguments == null || !(arguments[0] instanceof Integer index)) {
            return switch (method.getName()) {
              case "isWrapperFor" -> ((Class<?>) arguments[0]).isInstance(proxy);
              case "unwrap" -> proxy;
              case "equals" -> proxy == arguments[0];
              case "hashCode" -> System.identityHashCode(proxy);
              default -> "Salvo metadata result columns";
            };
          }
          if (index < 1 || index > columns.size()) {
            throw new SQLException("Column " + index + " does not exist", "07009");
          }
          Column column = columns.get(index - 1);
          return switch (method.getName()) {
            case "getColumnName", "getColumnLabel" -> column.name();
            case "getColumnType" -> column.type();
            case "getColumnTypeName" -> typeName(column.type());
            case "getColumnClassName" -> className(column.type());
            case "isNullable" -> ResultSetMetaData.columnNullable;
            case "getPrecision" -> column.type() == Types.VARCHAR ? Integer.MAX_VALUE : 0;
            case "getScale" -> 0;
            case "getColumnDisplaySize" -> column.type() == Types.VARCHAR ? 40 : 12;
            case "getCatalogName", "getSchemaName", "getTableName" -> "";
            case "isSigned" -> column.type() != Types.VARCHAR && column.type() != Types.BOOLEAN;
            case "isCaseSensitive" -> column.type() == Types.VARCHAR;
            case "isSearchable", "isReadOnly" -> true;
            case "isAutoIncrement", "isCurrency", "isWritable", "isDefinitelyWritable" -> false;
            default -> throw new SQLFeatureNotSupportedException(method.getName());
          };
        });
  }

  private static String typeName(int type) {
    return switch (type) {
      case Types.SMALLINT -> "SMALLINT";
      case Types.INTEGER -> "INTEGER";
      case Types.BOOLEAN -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  private static String className(int type) {
    return switch (type) {
      case Types.SMALLINT -> Short.class.getName();
      case Types.INTEGER -> Integer.class.getName();
      case Types.BOOLEAN -> Boolean.class.getName();
      default -> String.class.getName();
    };
  }
}
