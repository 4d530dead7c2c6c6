package dev.salvo.exec.connector.files;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The conditions of a scan's filter that Arrow's Parquet scanner evaluates itself, written as the
 * Substrait {@code ExtendedExpression} its scan options take. Arrow skips row groups whose
 * statistics rule a condition out and drops the other rows that fail it.
 *
 * <p>Each top-level conjunct of the filter is handed over when it translates exactly: comparisons
 * ({@code = <> < <= > >=}, BETWEEN, IN lists without NULL) of a column with a literal or with
 * another column of the same type, IS [NOT] NULL, and AND, OR and NOT of those. Columns qualify
 * when the file stores them as Salvo reads them (not the converted ones) and their type compares
 * the same way in both engines: REAL and DOUBLE do not (Salvo orders NaN above every number,
 * Arrow's comparisons are false for it), nor does TIME (Substrait counts microseconds). The scan
 * still applies the whole filter afterwards, so leaving a conjunct out never changes an answer.
 */
final class ParquetFilter {
  private static final String COMPARISON_FUNCTIONS =
      "https://github.com/substrait-io/substrait/blob/main/extensions/functions_comparison.yaml";
  private static final String BOOLEAN_FUNCTIONS =
      "https://github.com/substrait-io/substrait/blob/main/extensions/functions_boolean.yaml";
  /** The Substrait release whose messages these are; Arrow rejects only much older ones. */
  private static final int SUBSTRAIT_MINOR_VERSION = 44;
  private static final int NULLABLE = 1;
  private static final int REQUIRED = 2;

  private final List<ParquetColumn> columns;
  private final List<Node> conjuncts;

  private ParquetFilter(List<ParquetColumn> columns, List<Node> conjuncts) {
    this.columns = columns;
    this.conjuncts = conjuncts;
  }

  /**
   * The conjuncts of {@code filter} (over the scan's output, whose column {@code i} is file column
   * {@code projection.get(i)}) that Arrow can evaluate; none when {@code filter} is empty.
   */
  static ParquetFilter of(Optional<Expression> filter, List<Integer> projection,
      List<ParquetColumn> columns) {
    List<Node> conjuncts = new ArrayList<>();
    if (filter.isPresent()) {
      Translator translator = new Translator(projection, columns);
      for (Expression conjunct : conjuncts(filter.get())) {
        Node node = translator.conjunct(conjunct);
        if (node != null) {
          conjuncts.add(node);
        }
      }
    }
    return new ParquetFilter(columns, List.copyOf(conjuncts));
  }

  boolean isEmpty() {
    return conjuncts.isEmpty();
  }

  /** The conditions handed to Arrow, in SQL-like text with column names, for EXPLAIN. */
  List<String> describe() {
    return conjuncts.stream().map(node -> node.text(columns)).toList();
  }

  /**
   * The serialized {@code ExtendedExpression}, in a direct buffer as Arrow's JNI layer needs;
   * only when not {@link #isEmpty()}.
   */
  ByteBuffer toSubstrait() {
    Map<String, Integer> functionAnchors = new LinkedHashMap<>();
    Node condition = conjuncts.size() == 1 ? conjuncts.get(0)
        : new Function("and", BOOLEAN_FUNCTIONS, conjuncts, " AND ");
    ProtobufWriter expression = condition.write(functionAnchors);

    ProtobufWriter message = new ProtobufWriter()
        .message(7, new ProtobufWriter().varint(2, SUBSTRAIT_MINOR_VERSION));
    List<String> uris = List.of(COMPARISON_FUNCTIONS, BOOLEAN_FUNCTIONS);
    for (int uri = 0; uri < uris.size(); uri++) {
      message.message(1, new ProtobufWriter().varint(1, uri + 1).string(2, uris.get(uri)));
    }
    for (Map.Entry<String, Integer> function : functionAnchors.entrySet()) {
      String[] uriAndName = function.getKey().split(" ", 2);
      message.message(2, new ProtobufWriter().message(3, new ProtobufWriter()
          .varint(1, uris.indexOf(uriAndName[0]) + 1)
          .varint(2, function.getValue())
          .string(3, uriAndName[1])));
    }
    message.message(3, new ProtobufWriter().message(1, expression).string(3, "filter"));
    message.message(4, baseSchema());
    byte[] bytes = message.toByteArray();
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
    buffer.put(bytes).flip();
    return buffer;
  }

  /**
   * Every column of the file in order, since field references count positions in it. A converted
   * column is described by its Salvo type: no pushed condition mentions it, so its type only has
   * to be well formed.
   */
  private ProtobufWriter baseSchema() {
    ProtobufWriter names = new ProtobufWriter();
    ProtobufWriter struct = new ProtobufWriter();
    for (ParquetColumn column : columns) {
      names.string(1, column.name());
      struct.message(1, substraitType(column.type()));
    }
    struct.varint(3, REQUIRED);
    return names.message(2, struct);
  }

  private static ProtobufWriter substraitType(DataType type) {
    if (type.kind() == TypeKind.DECIMAL) {
      return new ProtobufWriter().message(24, new ProtobufWriter()
          .int32(1, type.scale()).int32(2, type.precision()).varint(4, NULLABLE));
    }
    int field = switch (type.kind()) {
      case BOOLEAN -> 1;
      case TINYINT -> 2;
      case SMALLINT -> 3;
      case INTEGER -> 5;
      case BIGINT -> 7;
      case REAL -> 10;
      case DOUBLE -> 11;
      case VARCHAR -> 12;
      case VARBINARY -> 13;
      case TIMESTAMP -> 14;
      case DATE -> 16;
      case TIME -> 17;
      default -> throw new IllegalArgumentException("No Substrait type for " + type);
    };
    return new ProtobufWriter().message(field, new ProtobufWriter().varint(2, NULLABLE));
  }

  private static List<Expression> conjuncts(Expression filter) {
    if (filter instanceof Call call && call.function() == ScalarFunction.AND) {
      List<Expression> all = new ArrayList<>();
      for (Expression argument : call.arguments()) {
        all.addAll(conjuncts(argument));
      }
      return all;
    }
    return List.of(filter);
  }

  /** Turns exec expressions into nodes, or null where the translation would not be exact. */
  private static final class Translator {
    private final List<Integer> projection;
    private final List<ParquetColumn> columns;

    Translator(List<Integer> projection, List<ParquetColumn> columns) {
      this.projection = projection;
      this.columns = columns;
    }

    /** A top-level conjunct, where IS TRUE adds nothing: NULL and FALSE both drop the row. */
    Node conjunct(Expression conjunct) {
      if (conjunct instanceof Call call && call.function() == ScalarFunction.IS_TRUE) {
        return condition(call.arguments().get(0));
      }
      return condition(conjunct);
    }

    private Node condition(Expression expression) {
      Expression bare = withoutNullabilityCast(expression);
      if (bare instanceof ColumnReference) {
        Field field = comparableColumn(bare);
        return field != null && columnType(field).kind() == TypeKind.BOOLEAN ? field : null;
      }
      if (!(bare instanceof Call call)) {
        return null;
      }
      List<Expression> arguments = call.arguments();
      return switch (call.function()) {
        case EQUAL -> comparison("equal", " = ", arguments.get(0), arguments.get(1));
        case NOT_EQUAL -> comparison("not_equal", " <> ", arguments.get(0), arguments.get(1));
        case LESS_THAN -> comparison("lt", " < ", arguments.get(0), arguments.get(1));
        case LESS_THAN_OR_EQUAL -> comparison("lte", " <= ", arguments.get(0), arguments.get(1));
        case GREATER_THAN -> comparison("gt", " > ", arguments.get(0), arguments.get(1));
        case GREATER_THAN_OR_EQUAL ->
            comparison("gte", " >= ", arguments.get(0), arguments.get(1));
        case BETWEEN -> all("and", " AND ", java.util.Arrays.asList(
            comparison("gte", " >= ", arguments.get(0), arguments.get(1)),
            comparison("lte", " <= ", arguments.get(0), arguments.get(2))));
        case IN -> inList(arguments);
        case IS_NULL -> nullCheck("is_null", " IS NULL", arguments.get(0));
        case IS_NOT_NULL -> nullCheck("is_not_null", " IS NOT NULL", arguments.get(0));
        case AND -> all("and", " AND ", arguments.stream().map(this::condition).toList());
        case OR -> all("or", " OR ", arguments.stream().map(this::condition).toList());
        case NOT -> {
          Node operand = condition(arguments.get(0));
          yield operand == null ? null
              : new Function("not", BOOLEAN_FUNCTIONS, List.of(operand), "NOT ");
        }
        default -> null;
      };
    }

    private static Node all(String name, String separator, List<Node> operands) {
      return operands.contains(null) ? null
          : new Function(name, BOOLEAN_FUNCTIONS, operands, separator);
    }

    private Node inList(List<Expression> arguments) {
      List<Node> equalities = new ArrayList<>();
      for (Expression item : arguments.subList(1, arguments.size())) {
        // A NULL item makes an unmatched row's IN NULL rather than FALSE: not an exact OR.
        equalities.add(comparison("equal", " = ", arguments.get(0), item));
      }
      return all("or", " OR ", equalities);
    }

    private Node nullCheck(String name, String suffix, Expression operand) {
      Expression bare = withoutNullabilityCast(operand);
      if (!(bare instanceof ColumnReference reference)) {
        return null;
      }
      return new Function(name, COMPARISON_FUNCTIONS,
          List.of(new Field(projection.get(reference.index()))), suffix);
    }

    private Node comparison(String name, String operator, Expression left, Expression right) {
      Field leftField = comparableColumn(left);
      Field rightField = comparableColumn(right);
      Node leftNode = leftField;
      Node rightNode = rightField;
      if (leftField != null && rightField != null) {
        if (!columnType(leftField).toArrowType().equals(columnType(rightField).toArrowType())) {
          return null;
        }
      } else if (leftField != null) {
        rightNode = constant(right, columnType(leftField));
      } else if (rightField != null) {
        leftNode = constant(left, columnType(rightField));
      }
      if (leftNode == null || rightNode == null) {
        return null;
      }
      return new Function(name, COMPARISON_FUNCTIONS, List.of(leftNode, rightNode), operator);
    }

    private DataType columnType(Field field) {
      return columns.get(field.column()).type();
    }

    /** The file column {@code expression} reads, when conditions on it may be handed over. */
    private Field comparableColumn(Expression expression) {
      if (!(withoutNullabilityCast(expression) instanceof ColumnReference reference)) {
        return null;
      }
      int column = projection.get(reference.index());
      ParquetColumn parquetColumn = columns.get(column);
      TypeKind kind = parquetColumn.type().kind();
      boolean comparesAlike = kind != TypeKind.REAL && kind != TypeKind.DOUBLE
          && kind != TypeKind.TIME;
      return parquetColumn.readAsIs() && comparesAlike ? new Field(column) : null;
    }

    /** A CAST that only changes nullability (the lowering keeps those) changes no value. */
    private static Expression withoutNullabilityCast(Expression expression) {
      if (expression instanceof Call call && call.function() == ScalarFunction.CAST
          && call.arguments().get(0).type().withNullable(true)
              .equals(call.type().withNullable(true))) {
        return withoutNullabilityCast(call.arguments().get(0));
      }
      return expression;
    }

    /** {@code expression}'s value as a literal of the column's {@code type}, if exactly so. */
    private static Node constant(Expression expression, DataType type) {
      if (!(withoutNullabilityCast(expression) instanceof Literal literal)
          || literal.value() == null) {
        return null;
      }
      Object value = literal.value();
      ProtobufWriter message = new ProtobufWriter();
      String text;
      switch (type.kind()) {
        case BOOLEAN -> {
          if (!(value instanceof Boolean bool)) {
            return null;
          }
          message.bool(1, bool);
          text = bool.toString().toUpperCase(java.util.Locale.ROOT);
        }
        case TINYINT, SMALLINT, INTEGER, BIGINT -> {
          if (!(value instanceof Long number) || !fits(number, type.kind())) {
            return null;
          }
          switch (type.kind()) {
            case TINYINT -> message.int32(2, number.intValue());
            case SMALLINT -> message.int32(3, number.intValue());
            case INTEGER -> message.int32(5, number.intValue());
            default -> message.varint(7, number);
          }
          text = number.toString();
        }
        case DECIMAL -> {
          BigDecimal decimal = decimal(value, type);
          if (decimal == null) {
            return null;
          }
          message.message(24, new ProtobufWriter()
              .bytes(1, littleEndian128(decimal.unscaledValue()))
              .int32(2, type.precision()).int32(3, type.scale()));
          text = decimal.toPlainString();
        }
        case VARCHAR -> {
          if (!(value instanceof String string)) {
            return null;
          }
          message.string(12, string);
          text = "'" + string.replace("'", "''") + "'";
        }
        case VARBINARY -> {
          if (!(value instanceof byte[] bytes)) {
            return null;
          }
          message.bytes(13, bytes);
          text = "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
        }
        case DATE -> {
          if (!(value instanceof LocalDate date)) {
            return null;
          }
          message.int32(16, Math.toIntExact(date.toEpochDay()));
          text = "DATE '" + date + "'";
        }
        case TIMESTAMP -> {
          if (!(value instanceof LocalDateTime timestamp)) {
            return null;
          }
          java.time.Instant instant = timestamp.toInstant(ZoneOffset.UTC);
          long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
              instant.getNano() / 1_000);
          message.varint(14, micros);
          text = "TIMESTAMP '" + timestamp.toString().replace('T', ' ') + "'";
        }
        default -> {
          return null;
        }
      }
      return new Constant(message, text);
    }

    private static boolean fits(long value, TypeKind kind) {
      return switch (kind) {
        case TINYINT -> value == (byte) value;
        case SMALLINT -> value == (short) value;
        case INTEGER -> value == (int) value;
        default -> true;
      };
    }

    /** {@code value} at the column's scale without rounding, within its precision; else null. */
    private static BigDecimal decimal(Object value, DataType type) {
      BigDecimal decimal;
      if (value instanceof BigDecimal exact) {
        decimal = exact;
      } else if (value instanceof Long number) {
        decimal = BigDecimal.valueOf(number);
      } else {
        return null;
      }
      try {
        decimal = decimal.setScale(type.scale());
      } catch (ArithmeticException e) {
        return null;
      }
      return decimal.precision() - decimal.scale() <= type.precision() - type.scale()
          ? decimal : null;
    }

    /** Sixteen bytes of two's complement, least significant first, as Substrait stores them. */
    private static byte[] littleEndian128(BigInteger unscaled) {
      byte[] bigEndian = unscaled.toByteArray();
      byte[] result = new byte[16];
      byte fill = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
      for (int i = 0; i < 16; i++) {
        int source = bigEndian.length - 1 - i;
        result[i] = source >= 0 ? bigEndian[source] : fill;
      }
      return result;
    }
  }

  /** A translated expression: its Substrait message and its text for EXPLAIN. */
  private sealed interface Node permits Field, Constant, Function {
    /** The {@code Expression} message; functions get anchors from {@code functionAnchors}. */
    ProtobufWriter write(Map<String, Integer> functionAnchors);

    String text(List<ParquetColumn> columns);
  }

  /** A file column, by its position in the file. */
  private record Field(int column) implements Node {
    @Override
    public ProtobufWriter write(Map<String, Integer> functionAnchors) {
      ProtobufWriter structField = new ProtobufWriter().int32(1, column);
      ProtobufWriter reference = new ProtobufWriter()
          .message(1, new ProtobufWriter().message(2, structField))
          .message(4, new ProtobufWriter());
      return new ProtobufWriter().message(2, reference);
    }

    @Override
    public String text(List<ParquetColumn> columns) {
      return columns.get(column).name();
    }
  }

  /** A literal, already written as a Substrait {@code Literal} message. */
  private record Constant(ProtobufWriter literal, String text) implements Node {
    @Override
    public ProtobufWriter write(Map<String, Integer> functionAnchors) {
      return new ProtobufWriter().message(1, literal);
    }

    @Override
    public String text(List<ParquetColumn> columns) {
      return text;
    }
  }

  /**
   * A call of a Substrait standard function; {@code operator} spells it in EXPLAIN: between the
   * operands, before a single one ending in a space, or after a single one otherwise.
   */
  private record Function(String name, String uri, List<Node> operands, String operator)
      implements Node {
    @Override
    public ProtobufWriter write(Map<String, Integer> functionAnchors) {
      if (operands.size() > 2) {
        // Arrow's AND and OR take two operands: nest the rest, (a AND b) AND c.
        Function firstTwo = new Function(name, uri, operands.subList(0, operands.size() - 1),
            operator);
        return new Function(name, uri, List.of(firstTwo, operands.get(operands.size() - 1)),
            operator).write(functionAnchors);
      }
      int anchor = functionAnchors.computeIfAbsent(uri + " " + name,
          key -> functionAnchors.size() + 1);
      ProtobufWriter call = new ProtobufWriter().varint(1, anchor);
      for (Node operand : operands) {
        call.message(4, new ProtobufWriter().message(3, operand.write(functionAnchors)));
      }
      call.message(3, new ProtobufWriter()
          .message(1, new ProtobufWriter().varint(2, NULLABLE)));
      return new ProtobufWriter().message(3, call);
    }

    @Override
    public String text(List<ParquetColumn> columns) {
      if (operands.size() == 1) {
        String operand = operands.get(0).text(columns);
        return operator.endsWith(" ") ? operator + "(" + operand + ")" : operand + operator;
      }
      String joined = operands.stream().map(node -> node.text(columns))
          .collect(Collectors.joining(operator));
      return operator.equals(" AND ") || operator.equals(" OR ") ? "(" + joined + ")" : joined;
    }
  }
}
