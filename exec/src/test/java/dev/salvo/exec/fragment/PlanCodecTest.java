package dev.salvo.exec.fragment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.function.ExternalInvocation;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.ExtensionOperator;
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
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.runner.RunnerTestSupport;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Plans and fragments written as JSON and read back: equal, runnable, and checked. */
class PlanCodecTest {
  private static final DataType ID_TYPE = DataType.BIGINT.withNullable(false);

  private final GeneratedTable table = new GeneratedTable(4, 50);
  private final TableScanNode scan = Plans.scanAll(table);
  private final NamedFunction increment = new NamedFunction("increment", "v1");
  private final PlanCodec codec = new PlanCodec(new MapResolver(
      Map.of(table.name(), table), Map.of(increment.name(), increment)));

  /** A function a plan can name; the tests only ship it, never call it. */
  private record NamedFunction(String name, String definitionId) implements ExternalFunction {
    @Override
    public List<DataType> argumentTypes() {
      return List.of(DataType.BIGINT);
    }

    @Override
    public DataType returnType() {
      return DataType.BIGINT;
    }

    @Override
    public int batchesInFlightPerDriver(int driversPerPipeline) {
      return 1;
    }

    @Override
    public ExternalInvocation open(QueryContext context, ExternalCallListener listener) {
      throw new UnsupportedOperationException("only shipped in these tests");
    }
  }

  /** Resolves by name from fixed maps, as a catalog and a UDF runtime would. */
  private record MapResolver(Map<String, TableSource> tables,
      Map<String, ExternalFunction> functions) implements PlanResolver {
    @Override
    public TableSource table(TableReference reference) {
      TableSource table = tables.get(reference.name());
      if (table == null) {
        throw new SalvoException(ErrorCode.TABLE_NOT_FOUND, "No table " + reference.name());
      }
      return table;
    }

    @Override
    public ExternalFunction function(FunctionReference reference) {
      ExternalFunction function = functions.get(reference.name());
      if (function == null) {
        throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND, "No function "
            + reference.name());
      }
      return function;
    }
  }

  /** The same table as {@code table}, after a write gave it other data. */
  private record RewrittenTable(TableSource table) implements TableSource {
    @Override
    public String name() {
      return table.name();
    }

    @Override
    public RowType rowType() {
      return table.rowType();
    }

    @Override
    public String version() {
      return "rewritten";
    }

    @Override
    public long estimatedRowCount() {
      return table.estimatedRowCount();
    }

    @Override
    public List<dev.salvo.exec.connector.TableSplit> splits(int targetCount) {
      return table.splits(targetCount);
    }

    @Override
    public dev.salvo.exec.connector.BatchReader open(dev.salvo.exec.connector.TableSplit split,
        List<Integer> columns, BufferAllocator allocator, int batchSize) {
      return table.open(split, columns, allocator, batchSize);
    }
  }

  private static ColumnReference column(int index, DataType type) {
    return new ColumnReference(index, type);
  }

  private ExecNode roundTrip(ExecNode plan) {
    String json = PlanCodec.write(plan);
    ExecNode read = codec.readPlan(json);
    assertEquals(plan, read, json);
    assertEquals(json, PlanCodec.write(read), "writing again gives the same text");
    return read;
  }

  /** Plans that together hold every kind of node and expression. */
  private List<ExecNode> corpus() {
    Expression idAbove = Call.of(ScalarFunction.GREATER_THAN, DataType.BOOLEAN,
        column(GeneratedTable.ID, ID_TYPE), new Literal(10L, DataType.BIGINT));
    TableScanNode filteredScan = new TableScanNode(table, List.of(0, 2, 5),
        Optional.of(idAbove));
    RowType idAndAmount = RowType.of(new Column("id", ID_TYPE),
        new Column("amount", DataType.decimal(12, 2)));
    ProjectNode project = new ProjectNode(new FilterNode(filteredScan, idAbove),
        List.of(column(0, ID_TYPE), column(1, DataType.decimal(12, 2))), idAndAmount);
    SortNode sort = new SortNode(project, List.of(new SortKey(1, false, true),
        new SortKey(0, true, false)), 2, 5);
    LimitNode limit = new LimitNode(sort, 1, -1);

    AggregateNode aggregate = new AggregateNode(
        new ExchangeNode(new RechunkNode(scan, 7), 4, List.of(GeneratedTable.BUCKET)),
        List.of(GeneratedTable.BUCKET),
        List.of(new AggregateCall(AggregateFunction.COUNT, List.of(), false,
                DataType.BIGINT.withNullable(false), "rows"),
            new AggregateCall(AggregateFunction.SUM, List.of(GeneratedTable.AMOUNT), true,
                DataType.decimal(38, 2), "total")),
        RowType.of(new Column("bucket", DataType.INTEGER),
            new Column("rows", DataType.BIGINT.withNullable(false)),
            new Column("total", DataType.decimal(38, 2))));

    RowType keys = RowType.of(new Column("k", DataType.BIGINT), new Column("label",
        DataType.varchar(10)));
    ValuesNode values = new ValuesNode(keys, List.of(List.of(1L, "one"),
        Arrays.asList(null, "none"), Arrays.asList(3L, null)));
    RowType joined = new RowType(Stream.concat(scan.outputType().columns().stream(),
        keys.columns().stream()).toList());
    HashJoinNode join = new HashJoinNode(scan, values, JoinType.LEFT,
        List.of(GeneratedTable.ID), List.of(0), List.of(true),
        Optional.of(Call.of(ScalarFunction.NOT_EQUAL, DataType.BOOLEAN,
            column(GeneratedTable.NAME, DataType.VARCHAR), column(7, DataType.varchar(10)))),
        joined);

    UnionNode union = new UnionNode(List.of(Plans.scan(table, List.of(0)),
        new ValuesNode(RowType.of(new Column("id", ID_TYPE)), List.of(List.of(7L)))),
        RowType.of(new Column("id", ID_TYPE)));

    SortNode ordered = new SortNode(scan, List.of(new SortKey(GeneratedTable.BUCKET, true, true),
        new SortKey(GeneratedTable.ID, true, false)), 0, -1);
    List<Column> windowColumns = new ArrayList<>(scan.outputType().columns());
    windowColumns.add(new Column("previous", DataType.BIGINT));
    windowColumns.add(new Column("running", DataType.decimal(38, 2)));
    WindowNode window = new WindowNode(ordered, List.of(GeneratedTable.BUCKET),
        List.of(new SortKey(GeneratedTable.ID, true, false)),
        new WindowFrame(true, new WindowFrame.Bound(WindowFrame.BoundKind.PRECEDING,
            new BigDecimal("2")), new WindowFrame.Bound(WindowFrame.BoundKind.CURRENT_ROW, null)),
        List.of(new WindowCall(WindowFunction.LAG, List.of(GeneratedTable.ID), 1, -1L,
                DataType.BIGINT, "previous"),
            new WindowCall(WindowFunction.SUM, List.of(GeneratedTable.AMOUNT), 1, null,
                DataType.decimal(38, 2), "running")),
        new RowType(windowColumns));

    ExternalCallNode call = new ExternalCallNode(scan, increment, List.of(GeneratedTable.ID),
        new Column("next", DataType.BIGINT));

    // Every built-in function name survives, whatever its arguments.
    List<Expression> calls = new ArrayList<>();
    List<Column> callColumns = new ArrayList<>();
    for (ScalarFunction function : ScalarFunction.values()) {
      calls.add(Call.of(function, DataType.BOOLEAN, column(GeneratedTable.ID, ID_TYPE),
          new Literal("x", DataType.VARCHAR)));
      callColumns.add(new Column(function.name(), DataType.BOOLEAN));
    }
    ProjectNode everyFunction = new ProjectNode(scan, calls, new RowType(callColumns));

    return List.of(limit, aggregate, join, union, window, call, everyFunction,
        literalsOfEveryType());
  }

  /** A projection of one literal of every type (VARBINARY apart: arrays compare by identity). */
  private ProjectNode literalsOfEveryType() {
    Map<TypeKind, Object> samples = new java.util.EnumMap<>(TypeKind.class);
    samples.put(TypeKind.NULL, null);
    samples.put(TypeKind.BOOLEAN, true);
    samples.put(TypeKind.TINYINT, -8L);
    samples.put(TypeKind.SMALLINT, 300L);
    samples.put(TypeKind.INTEGER, -70_000L);
    samples.put(TypeKind.BIGINT, Long.MIN_VALUE);
    samples.put(TypeKind.REAL, 0.25);
    samples.put(TypeKind.DOUBLE, Double.NaN);
    samples.put(TypeKind.DECIMAL, new BigDecimal("-12345678901234567890.12"));
    samples.put(TypeKind.VARCHAR, "quote \" backslash \\ newline \n unicode \u00e9");
    samples.put(TypeKind.DATE, LocalDate.of(1998, 12, 1));
    samples.put(TypeKind.TIME, LocalTime.of(23, 59, 58, 123_000_000));
    samples.put(TypeKind.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 12, 0, 0, 456_789_000));
    samples.put(TypeKind.INTERVAL_YEAR_MONTH, 14L);
    samples.put(TypeKind.INTERVAL_DAY_TIME, 86_400_000L);
    samples.put(TypeKind.ARRAY, java.util.Arrays.asList("a", null));
    samples.put(TypeKind.ROW, List.of(1L, List.of(2L, 3L)));
    List<Expression> literals = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (TypeKind kind : TypeKind.values()) {
      if (kind == TypeKind.VARBINARY) {
        continue;
      }
      DataType type = switch (kind) {
        case DECIMAL -> DataType.decimal(22, 2);
        case ARRAY -> DataType.array(DataType.VARCHAR);
        case ROW -> DataType.row(List.of(new Column("x", DataType.INTEGER),
            new Column("ys", DataType.array(DataType.BIGINT))));
        default -> DataType.of(kind);
      };
      literals.add(new Literal(samples.get(kind), type));
      literals.add(new Literal(null, type.withNullable(true)));
      columns.add(new Column(kind.name(), type));
      columns.add(new Column(kind.name() + "_null", type));
    }
    literals.add(new Literal(Double.NEGATIVE_INFINITY, DataType.DOUBLE));
    columns.add(new Column("minus_infinity", DataType.DOUBLE));
    return new ProjectNode(scan, literals, new RowType(columns));
  }

  @Test
  void everyKindOfNodeAndExpressionRoundTripsToAnEqualPlan() {
    Set<Class<?>> nodeKinds = new HashSet<>();
    Set<Class<?>> expressionKinds = new HashSet<>();
    for (ExecNode plan : corpus()) {
      roundTrip(plan);
      PlanKinds.collect(plan, nodeKinds, expressionKinds);
    }
    for (PlanFragment fragment : PlanFragmenter.fragment(corpus().get(1)).fragments()) {
      assertEquals(fragment, codec.readFragment(PlanCodec.write(fragment)));
      PlanKinds.collect(fragment.root(), nodeKinds, expressionKinds);
    }
    Set<Class<?>> expectedNodes = new HashSet<>(List.of(ExecNode.class.getPermittedSubclasses()));
    expectedNodes.remove(ExtensionNode.class);
    assertEquals(expectedNodes, nodeKinds, "the corpus holds every node kind that ships");
    assertEquals(Set.of(Expression.class.getPermittedSubclasses()), expressionKinds);
  }

  @Test
  void aReadPlanRunsAndAnswersWhatTheOriginalAnswers() {
    ExecNode plan = corpus().get(1);
    ExecNode read = codec.readPlan(PlanCodec.write(plan));
    try (BufferAllocator root = new RootAllocator();
        NativeQueryRunner runner = new NativeQueryRunner(2)) {
      List<List<Object>> expected = new ArrayList<>(RunnerTestSupport.run(runner, root, plan,
          2, 16));
      List<List<Object>> actual = new ArrayList<>(RunnerTestSupport.run(runner, root, read,
          2, 16));
      java.util.Comparator<List<Object>> byBucket = java.util.Comparator.comparing(
          row -> String.valueOf(row.get(0)));
      expected.sort(byBucket);
      actual.sort(byBucket);
      assertEquals(expected, actual);
      assertTrue(expected.size() > 1, expected.toString());
    }
  }

  @Test
  void binaryValuesKeepTheirBytes() {
    byte[] bytes = {0, -1, 42, 127, -128};
    ValuesNode values = new ValuesNode(RowType.of(new Column("b", DataType.VARBINARY)),
        List.of(List.of(bytes), Arrays.asList((Object) null)));
    ValuesNode read = (ValuesNode) codec.readPlan(PlanCodec.write(values));
    assertArrayEquals(bytes, (byte[]) read.rows().get(0).get(0));
    assertEquals(null, read.rows().get(1).get(0));
  }

  @Test
  void aFragmentShipsTheFunctionsItCallsByReference() {
    ExecNode plan = new ExternalCallNode(new ExchangeNode(scan, 3, List.of()), increment,
        List.of(GeneratedTable.ID), new Column("next", DataType.BIGINT));
    PlanFragment root = PlanFragmenter.fragment(plan).root();
    String json = PlanCodec.write(root);
    assertTrue(json.contains("\"function\":{\"name\":\"increment\",\"argumentTypes\":"
        + "[{\"kind\":\"BIGINT\",\"nullable\":true}],\"returnType\":{\"kind\":\"BIGINT\","
        + "\"nullable\":true},\"definitionId\":\"v1\"}"), json);

    PlanCodec replaced = new PlanCodec(new MapResolver(Map.of(table.name(), table),
        Map.of("increment", new NamedFunction("increment", "v2"))));
    SalvoException error = assertThrows(SalvoException.class, () -> replaced.readFragment(json));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND, error.code());
    assertTrue(error.getMessage().contains("increment was replaced"), error.getMessage());

    PlanCodec without = new PlanCodec(new MapResolver(Map.of(table.name(), table), Map.of()));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND,
        assertThrows(SalvoException.class, () -> without.readFragment(json)).code());
  }

  @Test
  void aTableThatChangedOrIsMissingIsRefused() {
    String json = PlanCodec.write(scan);
    TableSource otherVersion = new RewrittenTable(table);
    SalvoException changed = assertThrows(SalvoException.class, () -> new PlanCodec(
        new MapResolver(Map.of(table.name(), otherVersion), Map.of())).readPlan(json));
    assertEquals(ErrorCode.TRANSACTION_CONFLICT, changed.code());
    assertTrue(changed.getMessage().contains("generated holds other data"),
        changed.getMessage());

    SalvoException missing = assertThrows(SalvoException.class, () -> new PlanCodec(
        new MapResolver(Map.of(), Map.of())).readPlan(json));
    assertEquals(ErrorCode.TABLE_NOT_FOUND, missing.code());
  }

  @Test
  void extensionNodesCannotBeShipped() {
    ExtensionOperator probe = new ExtensionOperator() {
      @Override
      public RowType outputType(RowType input) {
        return input;
      }

      @Override
      public String describe() {
        return "Probe";
      }

      @Override
      public dev.salvo.exec.pipeline.Operator create(QueryContext context, int driverIndex) {
        throw new UnsupportedOperationException();
      }
    };
    SalvoException error = assertThrows(SalvoException.class,
        () -> PlanCodec.write(new ExtensionNode(scan, probe)));
    assertEquals(ErrorCode.NOT_SUPPORTED, error.code());
    assertTrue(error.getMessage().contains("Probe"), error.getMessage());
  }

  @Test
  void malformedTextIsAnInvalidPlanNamingTheProblem() {
    String good = PlanCodec.write(new LimitNode(scan, 0, 5));
    assertInvalid("not JSON", "{\"format\":");
    assertInvalid("not a salvo-plan document", "[1, 2]");
    assertInvalid("format version 99",
        good.replace("\"version\":" + PlanCodec.FORMAT_VERSION, "\"version\":99"));
    assertInvalid("unknown plan node kind 'Teleport'",
        good.replace("\"node\":\"Limit\"", "\"node\":\"Teleport\""));
    assertInvalid("member 'fetch' is missing", good.replace(",\"fetch\":5", ""));
    assertInvalid("member 'offset' is not an integer",
        good.replace("\"offset\":0", "\"offset\":\"zero\""));
    assertInvalid("'SIDEWAYS' is not a JoinType", PlanCodec.write(corpus().get(2))
        .replace("\"joinType\":\"LEFT\"", "\"joinType\":\"SIDEWAYS\""));
    assertInvalid("the value \"soon\" is not of type DATE", PlanCodec.write(
        new ValuesNode(RowType.of(new Column("d", DataType.DATE)),
            List.of(List.of(LocalDate.of(2020, 1, 1))))).replace("2020-01-01", "soon"));
    assertInvalid("partitions must be at least 1", PlanCodec.write(
        new ExchangeNode(scan, 2, List.of())).replace("\"partitions\":2", "\"partitions\":0"));
    assertInvalid("Index 9 out of bounds", PlanCodec.write(Plans.scan(table, List.of(1)))
        .replace("\"projection\":[1]", "\"projection\":[9]"));
  }

  private void assertInvalid(String expectedProblem, String json) {
    SalvoException error = assertThrows(SalvoException.class, () -> codec.readPlan(json));
    assertEquals(ErrorCode.INVALID_PLAN, error.code(), error.getMessage());
    assertTrue(error.getMessage().startsWith("Invalid serialized plan: "), error.getMessage());
    assertTrue(error.getMessage().contains(expectedProblem), error.getMessage());
  }
}
