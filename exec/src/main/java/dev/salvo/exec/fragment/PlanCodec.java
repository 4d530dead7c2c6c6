package dev.salvo.exec.fragment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.ExternalCallNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.RechunkNode;
import dev.salvo.exec.plan.SortKey;
import dev.salvo.exec.plan.SortNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.plan.WindowCall;
import dev.salvo.exec.plan.WindowFrame;
import dev.salvo.exec.plan.WindowFunction;
import dev.salvo.exec.plan.WindowNode;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes plans and plan fragments as JSON text and reads them back, so that a fragment can be
 * shipped to another process (a distributed runner's task) and run there. Every node,
 * expression, type and value is written out; what lives outside the plan travels as a
 * reference: a table as a {@link TableReference}, a user-defined function as a
 * {@link FunctionReference}, which the reading side resolves through its {@link PlanResolver}
 * and checks. Reading a written plan gives an equal plan when the resolver answers equal
 * tables and functions.
 *
 * <p>The format is Salvo's own: one JSON object per node with a {@code "node"} kind and named
 * members, so that it stays readable, independent of Java class names, and closed (a reader
 * builds only the node kinds listed here). Its {@link #FORMAT_VERSION} changes whenever a
 * reader of the previous version could misread it. {@link ExtensionNode}s run code the executor
 * does not know, so they cannot be written.
 *
 * <pre>
 *   {"format":"salvo-plan","version":1,"fragment":{"id":1,
 *    "output":{"targetFragment":0,"partitions":8,"keys":[0]},
 *    "root":{"node":"TableScan","table":{"name":"tpch.tiny.nation","version":"",...},
 *            "projection":[0,2],"filter":null}}}
 * </pre>
 */
public final class PlanCodec {
  /** The version of the format written; a reader refuses any other. */
  public static final int FORMAT_VERSION = 1;

  private static final String FORMAT = "salvo-plan";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final PlanResolver resolver;

  /** A codec that reads plans resolving their tables and functions through {@code resolver}. */
  public PlanCodec(PlanResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * {@code fragment} as JSON text.
   *
   * @throws SalvoException NOT_SUPPORTED when the fragment holds an {@link ExtensionNode}
   */
  public static String write(PlanFragment fragment) {
    ObjectNode body = NODES.objectNode();
    body.put("id", fragment.id());
    if (fragment.output().isPresent()) {
      FragmentOutput output = fragment.output().get();
      ObjectNode target = body.putObject("output");
      target.put("targetFragment", output.targetFragment());
      target.put("partitions", output.partitions());
      target.set("keys", integers(output.keys()));
    } else {
      body.putNull("output");
    }
    body.set("root", node(fragment.root()));
    return envelope("fragment", body);
  }

  /**
   * {@code plan} as JSON text.
   *
   * @throws SalvoException NOT_SUPPORTED when the plan holds an {@link ExtensionNode}
   */
  public static String write(ExecNode plan) {
    return envelope("plan", node(plan));
  }

  /** {@code type} as JSON text, component fields included; what catalogs store for a column. */
  public static String writeType(DataType type) {
    return type(type).toString();
  }

  /**
   * The type {@link #writeType} wrote.
   *
   * @throws SalvoException INVALID_PLAN for text that is not such a type
   */
  public static DataType readType(String json) {
    try {
      return type(JSON.readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid("a type is not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * The fragment {@link #write(PlanFragment)} wrote.
   *
   * @throws SalvoException INVALID_PLAN for text that is not such a fragment (malformed, another
   *     format version, an unknown node kind, a value that does not fit its type);
   *     TABLE_NOT_FOUND or FUNCTION_NOT_FOUND when the resolver finds no such object;
   *     TRANSACTION_CONFLICT when a table now holds other data than the plan's;
   *     FUNCTION_NOT_FOUND when a function was replaced since the plan was made
   */
  public PlanFragment readFragment(String json) {
    JsonNode body = open(json, "fragment");
    JsonNode output = body.get("output");
    Optional<FragmentOutput> target = output == null || output.isNull() ? Optional.empty()
        : Optional.of(build(() -> new FragmentOutput(integer(output, "targetFragment"),
            integer(output, "partitions"), integers(output, "keys"))));
    return build(() -> new PlanFragment(integer(body, "id"), readNode(member(body, "root")),
        target));
  }

  /** The plan {@link #write(ExecNode)} wrote; fails as {@link #readFragment(String)} does. */
  public ExecNode readPlan(String json) {
    return readNode(open(json, "plan"));
  }

  private static String envelope(String member, JsonNode body) {
    ObjectNode document = NODES.objectNode();
    document.put("format", FORMAT);
    document.put("version", FORMAT_VERSION);
    document.set(member, body);
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "Could not write a plan as JSON", e);
    }
  }

  private static JsonNode open(String json, String member) {
    JsonNode document;
    try {
      document = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("not JSON: " + e.getOriginalMessage());
    }
    if (document == null || !document.isObject()
        || !FORMAT.equals(document.path("format").asText(null))) {
      throw invalid("not a " + FORMAT + " document");
    }
    int version = document.path("version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw invalid("format version " + document.path("version") + " is not the version this"
          + " server reads (" + FORMAT_VERSION + ")");
    }
    return member(document, member);
  }

  // ---- Writing ----

  private static ObjectNode node(ExecNode node) {
    ObjectNode json = NODES.objectNode();
    if (node instanceof TableScanNode scan) {
      json.put("node", "TableScan");
      TableSource table = scan.table();
      ObjectNode reference = json.putObject("table");
      reference.put("name", table.name());
      reference.put("version", table.version());
      reference.set("rowType", rowType(table.rowType()));
      json.set("projection", integers(scan.projection()));
      json.set("filter", scan.filter().map(PlanCodec::expression).orElse(null));
    } else if (node instanceof ValuesNode values) {
      json.put("node", "Values");
      json.set("outputType", rowType(values.outputType()));
      ArrayNode rows = json.putArray("rows");
      for (List<Object> row : values.rows()) {
        ArrayNode written = rows.addArray();
        for (int column = 0; column < row.size(); column++) {
          written.add(PlanValues.write(row.get(column), values.outputType().type(column)));
        }
      }
    } else if (node instanceof FilterNode filter) {
      json.put("node", "Filter");
      json.set("input", node(filter.input()));
      json.set("condition", expression(filter.condition()));
    } else if (node instanceof ProjectNode project) {
      json.put("node", "Project");
      json.set("input", node(project.input()));
      json.set("expressions", expressions(project.expressions()));
      json.set("outputType", rowType(project.outputType()));
    } else if (node instanceof AggregateNode aggregate) {
      json.put("node", "Aggregate");
      json.set("input", node(aggregate.input()));
      json.set("groupKeys", integers(aggregate.groupKeys()));
      ArrayNode calls = json.putArray("aggregates");
      for (AggregateCall call : aggregate.aggregates()) {
        ObjectNode written = calls.addObject();
        written.put("function", call.function().name());
        written.set("arguments", integers(call.arguments()));
        written.put("distinct", call.distinct());
        written.set("type", type(call.type()));
        written.put("name", call.name());
      }
      json.set("outputType", rowType(aggregate.outputType()));
    } else if (node instanceof SortNode sort) {
      json.put("node", "Sort");
      json.set("input", node(sort.input()));
      json.set("keys", sortKeys(sort.keys()));
      json.put("offset", sort.offset());
      json.put("fetch", sort.fetch());
    } else if (node instanceof LimitNode limit) {
      json.put("node", "Limit");
      json.set("input", node(limit.input()));
      json.put("offset", limit.offset());
      json.put("fetch", limit.fetch());
    } else if (node instanceof HashJoinNode join) {
      json.put("node", "HashJoin");
      json.set("probe", node(join.probe()));
      json.set("build", node(join.build()));
      json.put("joinType", join.joinType().name());
      json.set("probeKeys", integers(join.probeKeys()));
      json.set("buildKeys", integers(join.buildKeys()));
      ArrayNode nullSafe = json.putArray("nullSafeKeys");
      join.nullSafeKeys().forEach(nullSafe::add);
      json.set("residual", join.residual().map(PlanCodec::expression).orElse(null));
      json.set("outputType", rowType(join.outputType()));
    } else if (node instanceof UnionNode union) {
      json.put("node", "Union");
      ArrayNode inputs = json.putArray("inputs");
      union.inputs().forEach(input -> inputs.add(node(input)));
      json.set("outputType", rowType(union.outputType()));
    } else if (node instanceof ExchangeNode exchange) {
      json.put("node", "Exchange");
      json.set("input", node(exchange.input()));
      json.put("partitions", exchange.partitions());
      json.set("keys", integers(exchange.keys()));
    } else if (node instanceof ExchangeInputNode input) {
      json.put("node", "ExchangeInput");
      json.put("sourceFragment", input.sourceFragment());
      json.put("partitions", input.partitions());
      json.set("keys", integers(input.keys()));
      json.set("outputType", rowType(input.outputType()));
    } else if (node instanceof RechunkNode rechunk) {
      json.put("node", "Rechunk");
      json.set("input", node(rechunk.input()));
      json.put("rows", rechunk.rows());
    } else if (node instanceof WindowNode window) {
      json.put("node", "Window");
      json.set("input", node(window.input()));
      json.set("partitionKeys", integers(window.partitionKeys()));
      json.set("orderKeys", sortKeys(window.orderKeys()));
      json.set("frame", frame(window.frame()));
      ArrayNode calls = json.putArray("calls");
      for (WindowCall call : window.calls()) {
        ObjectNode written = calls.addObject();
        written.put("function", call.function().name());
        written.set("arguments", integers(call.arguments()));
        written.put("offset", call.offset());
        written.set("defaultValue", PlanValues.write(call.defaultValue(), call.type()));
        written.set("type", type(call.type()));
        written.put("name", call.name());
      }
      json.set("outputType", rowType(window.outputType()));
    } else if (node instanceof ExternalCallNode call) {
      json.put("node", "ExternalCall");
      json.set("input", node(call.input()));
      ExternalFunction function = call.function();
      ObjectNode reference = json.putObject("function");
      reference.put("name", function.name());
      reference.set("argumentTypes", types(function.argumentTypes()));
      reference.set("returnType", type(function.returnType()));
      reference.put("definitionId", function.definitionId());
      json.set("arguments", integers(call.arguments()));
      json.set("result", column(call.result()));
    } else if (node instanceof ExtensionNode extension) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "The plan step " + extension.describe()
          + " runs code outside the executor and cannot be shipped to another process");
    } else {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR, "No serialized form for "
          + node.describe());
    }
    return json;
  }

  private static JsonNode expression(Expression expression) {
    ObjectNode json = NODES.objectNode();
    if (expression instanceof ColumnReference column) {
      json.put("column", column.index());
    } else if (expression instanceof Literal literal) {
      json.set("literal", PlanValues.write(literal.value(), literal.type()));
    } else if (expression instanceof Call call) {
      json.put("call", call.function().name());
      json.set("arguments", expressions(call.arguments()));
    }
    json.set("type", type(expression.type()));
    return json;
  }

  private static ArrayNode expressions(List<Expression> expressions) {
    ArrayNode json = NODES.arrayNode();
    expressions.forEach(expression -> json.add(expression(expression)));
    return json;
  }

  private static ObjectNode type(DataType type) {
    ObjectNode json = NODES.objectNode();
    json.put("kind", type.kind().name());
    if (type.precision() != 0) {
      json.put("precision", type.precision());
    }
    if (type.scale() != 0) {
      json.put("scale", type.scale());
    }
    json.put("nullable", type.nullable());
    if (!type.fields().isEmpty()) {
      ArrayNode fields = NODES.arrayNode();
      type.fields().forEach(field -> fields.add(column(field)));
      json.set("fields", fields);
    }
    return json;
  }

  private static ArrayNode types(List<DataType> types) {
    ArrayNode json = NODES.arrayNode();
    types.forEach(type -> json.add(type(type)));
    return json;
  }

  private static ObjectNode column(Column column) {
    ObjectNode json = NODES.objectNode();
    json.put("name", column.name());
    json.set("type", type(column.type()));
    return json;
  }

  private static ArrayNode rowType(RowType rowType) {
    ArrayNode json = NODES.arrayNode();
    rowType.columns().forEach(column -> json.add(column(column)));
    return json;
  }

  private static ArrayNode integers(List<Integer> values) {
    ArrayNode json = NODES.arrayNode();
    values.forEach(json::add);
    return json;
  }

  private static ArrayNode sortKeys(List<SortKey> keys) {
    ArrayNode json = NODES.arrayNode();
    for (SortKey key : keys) {
      ObjectNode written = json.addObject();
      written.put("column", key.column());
      written.put("ascending", key.ascending());
      written.put("nullsFirst", key.nullsFirst());
    }
    return json;
  }

  private static ObjectNode frame(WindowFrame frame) {
    ObjectNode json = NODES.objectNode();
    json.put("rows", frame.rows());
    json.set("lower", bound(frame.lower()));
    json.set("upper", bound(frame.upper()));
    return json;
  }

  private static ObjectNode bound(WindowFrame.Bound bound) {
    ObjectNode json = NODES.objectNode();
    json.put("kind", bound.kind().name());
    if (bound.offset() == null) {
      json.putNull("offset");
    } else {
      json.put("offset", bound.offset().toString());
    }
    return json;
  }

  // ---- Reading ----

  private ExecNode readNode(JsonNode json) {
    String kind = text(json, "node");
    return build(() -> withCheckedColumns(switch (kind) {
      case "TableScan" -> new TableScanNode(table(member(json, "table")),
          integers(json, "projection"), optionalExpression(json, "filter"));
      case "Values" -> {
        RowType rowType = rowType(member(json, "outputType"));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : array(json, "rows")) {
          if (!row.isArray() || row.size() != rowType.size()) {
            throw invalid("a VALUES row has " + row.size() + " values for " + rowType.size()
                + " columns");
          }
          List<Object> values = new ArrayList<>(row.size());
          for (int column = 0; column < row.size(); column++) {
            values.add(PlanValues.read(row.get(column), rowType.type(column)));
          }
          rows.add(values);
        }
        yield new ValuesNode(rowType, rows);
      }
      case "Filter" -> new FilterNode(input(json), readExpression(member(json, "condition")));
      case "Project" -> new ProjectNode(input(json), readExpressions(json, "expressions"),
          rowType(member(json, "outputType")));
      case "Aggregate" -> new AggregateNode(input(json), integers(json, "groupKeys"),
          list(json, "aggregates", call -> new AggregateCall(
              enumValue(AggregateFunction.class, text(call, "function")),
              integers(call, "arguments"), bool(call, "distinct"), type(member(call, "type")),
              text(call, "name"))),
          rowType(member(json, "outputType")));
      case "Sort" -> new SortNode(input(json), sortKeys(json, "keys"), longValue(json, "offset"),
          longValue(json, "fetch"));
      case "Limit" -> new LimitNode(input(json), longValue(json, "offset"),
          longValue(json, "fetch"));
      case "HashJoin" -> new HashJoinNode(readNode(member(json, "probe")),
          readNode(member(json, "build")),
          enumValue(JoinType.class, text(json, "joinType")), integers(json, "probeKeys"),
          integers(json, "buildKeys"), list(json, "nullSafeKeys", PlanCodec::bool),
          optionalExpression(json, "residual"), rowType(member(json, "outputType")));
      case "Union" -> new UnionNode(list(json, "inputs", this::readNode),
          rowType(member(json, "outputType")));
      case "Exchange" -> new ExchangeNode(input(json), integer(json, "partitions"),
          integers(json, "keys"));
      case "ExchangeInput" -> new ExchangeInputNode(integer(json, "sourceFragment"),
          integer(json, "partitions"), integers(json, "keys"),
          rowType(member(json, "outputType")));
      case "Rechunk" -> new RechunkNode(input(json), integer(json, "rows"));
      case "Window" -> new WindowNode(input(json), integers(json, "partitionKeys"),
          sortKeys(json, "orderKeys"), frame(member(json, "frame")),
          list(json, "calls", call -> {
            DataType type = type(member(call, "type"));
            return new WindowCall(enumValue(WindowFunction.class, text(call, "function")),
                integers(call, "arguments"), longValue(call, "offset"),
                PlanValues.read(member(call, "defaultValue"), type), type, text(call, "name"));
          }),
          rowType(member(json, "outputType")));
      case "ExternalCall" -> new ExternalCallNode(input(json),
          function(member(json, "function")), integers(json, "arguments"),
          column(member(json, "result")));
      default -> throw invalid("unknown plan node kind '" + kind + "'");
    }));
  }

  /** Derives the node's output columns once, so that a column position out of range fails now. */
  private static ExecNode withCheckedColumns(ExecNode node) {
    node.outputType();
    return node;
  }

  private ExecNode input(JsonNode json) {
    return readNode(member(json, "input"));
  }

  private TableSource table(JsonNode json) {
    TableReference reference = new TableReference(text(json, "name"), text(json, "version"),
        rowType(member(json, "rowType")));
    TableSource table = resolver.table(reference);
    if (!table.rowType().equals(reference.rowType())) {
      throw new SalvoException(ErrorCode.TRANSACTION_CONFLICT, "Table " + reference.name()
          + " has other columns than when the plan was made; run the query again");
    }
    if (!table.version().equals(reference.version())) {
      throw new SalvoException(ErrorCode.TRANSACTION_CONFLICT, "Table " + reference.name()
          + " holds other data than when the plan was made; run the query again");
    }
    return table;
  }

  private ExternalFunction function(JsonNode json) {
    FunctionReference reference = new FunctionReference(text(json, "name"),
        list(json, "argumentTypes", PlanCodec::type), type(member(json, "returnType")),
        text(json, "definitionId"));
    ExternalFunction function = resolver.function(reference);
    if (!function.argumentTypes().equals(reference.argumentTypes())
        || !function.returnType().equals(reference.returnType())
        || !function.definitionId().equals(reference.definitionId())) {
      throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND, "Function " + reference.name()
          + " was replaced since the plan was made; run the query again");
    }
    return function;
  }

  private static Expression readExpression(JsonNode json) {
    DataType type = type(member(json, "type"));
    if (json.has("column")) {
      return build(() -> new ColumnReference(integer(json, "column"), type));
    } else if (json.has("literal")) {
      return new Literal(PlanValues.read(json.get("literal"), type), type);
    } else if (json.has("call")) {
      ScalarFunction function = enumValue(ScalarFunction.class, text(json, "call"));
      return new Call(function, readExpressions(json, "arguments"), type);
    }
    throw invalid("an expression is neither a column, a literal nor a call: " + json);
  }

  private static List<Expression> readExpressions(JsonNode json, String name) {
    return list(json, name, PlanCodec::readExpression);
  }

  private static Optional<Expression> optionalExpression(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || value.isNull() ? Optional.empty()
        : Optional.of(readExpression(value));
  }

  private static DataType type(JsonNode json) {
    TypeKind kind = enumValue(TypeKind.class, text(json, "kind"));
    List<Column> fields = json.has("fields") ? list(json, "fields", PlanCodec::column) : List.of();
    return build(() -> new DataType(kind, json.path("precision").asInt(0),
        json.path("scale").asInt(0), bool(json, "nullable"), fields));
  }

  private static Column column(JsonNode json) {
    return new Column(text(json, "name"), type(member(json, "type")));
  }

  private static RowType rowType(JsonNode json) {
    if (!json.isArray()) {
      throw invalid("a row type is not a list of columns: " + json);
    }
    List<Column> columns = new ArrayList<>();
    json.forEach(column -> columns.add(column(column)));
    return new RowType(columns);
  }

  private static List<SortKey> sortKeys(JsonNode json, String name) {
    return list(json, name, key -> new SortKey(integer(key, "column"), bool(key, "ascending"),
        bool(key, "nullsFirst")));
  }

  private static WindowFrame frame(JsonNode json) {
    return new WindowFrame(bool(json, "rows"), bound(member(json, "lower")),
        bound(member(json, "upper")));
  }

  private static WindowFrame.Bound bound(JsonNode json) {
    JsonNode offset = json.get("offset");
    BigDecimal value;
    try {
      value = offset == null || offset.isNull() ? null : new BigDecimal(offset.asText());
    } catch (NumberFormatException e) {
      throw invalid("a window frame offset is not a number: " + offset);
    }
    return new WindowFrame.Bound(enumValue(WindowFrame.BoundKind.class, text(json, "kind")),
        value);
  }

  // ---- Checked access to JSON members ----

  private static JsonNode member(JsonNode json, String name) {
    JsonNode value = json == null ? null : json.get(name);
    if (value == null) {
      throw invalid("member '" + name + "' is missing in " + abbreviated(json));
    }
    return value;
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = member(json, name);
    if (!value.isTextual()) {
      throw invalid("member '" + name + "' is not a string in " + abbreviated(json));
    }
    return value.asText();
  }

  private static int integer(JsonNode json, String name) {
    JsonNode value = member(json, name);
    if (!value.isInt()) {
      throw invalid("member '" + name + "' is not an integer in " + abbreviated(json));
    }
    return value.intValue();
  }

  private static long longValue(JsonNode json, String name) {
    JsonNode value = member(json, name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid("member '" + name + "' is not an integer in " + abbreviated(json));
    }
    return value.longValue();
  }

  private static boolean bool(JsonNode json, String name) {
    return bool(member(json, name));
  }

  private static boolean bool(JsonNode value) {
    if (!value.isBoolean()) {
      throw invalid("expected true or false, found " + value);
    }
    return value.booleanValue();
  }

  private static JsonNode array(JsonNode json, String name) {
    JsonNode value = member(json, name);
    if (!value.isArray()) {
      throw invalid("member '" + name + "' is not a list in " + abbreviated(json));
    }
    return value;
  }

  private static <T> List<T> list(JsonNode json, String name, Function<JsonNode, T> element) {
    List<T> values = new ArrayList<>();
    array(json, name).forEach(value -> values.add(element.apply(value)));
    return values;
  }

  private static List<Integer> integers(JsonNode json, String name) {
    return list(json, name, value -> {
      if (!value.isInt()) {
        throw invalid("member '" + name + "' holds " + value + ", not an integer");
      }
      return value.intValue();
    });
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw invalid("'" + name + "' is not a " + type.getSimpleName());
    }
  }

  /** Runs a constructor, turning the checks of plan classes into INVALID_PLAN errors. */
  private static <T> T build(java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw invalid(e.getMessage());
    }
  }

  private static String abbreviated(JsonNode json) {
    String text = String.valueOf(json);
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  static SalvoException invalid(String problem) {
    return new SalvoException(ErrorCode.INVALID_PLAN, "Invalid serialized plan: " + problem);
  }
}
