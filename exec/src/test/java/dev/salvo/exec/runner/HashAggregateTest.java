package dev.salvo.exec.runner;

import static dev.salvo.exec.runner.RunnerTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.AggregateCall;
import dev.salvo.exec.plan.AggregateFunction;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HashAggregateTest {
  private static final DataType SUM_DECIMAL = DataType.decimal(38, 2);
  private static final DataType AVG_DECIMAL = DataType.decimal(20, 4);

  private BufferAllocator root;
  private NativeQueryRunner runner;

  @BeforeEach
  void setUp() {
    root = new RootAllocator();
    runner = new NativeQueryRunner(3);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    root.close();
  }

  private static AggregateCall call(AggregateFunction function, DataType type, boolean distinct,
      Integer... arguments) {
    return new AggregateCall(function, List.of(arguments), distinct, type,
        function.name().toLowerCase() + Arrays.toString(arguments));
  }

  /** Every aggregate kind over the generated table, by one or more key columns. */
  private static List<AggregateCall> allCalls() {
    return List.of(
        call(AggregateFunction.COUNT, DataType.BIGINT, false),
        call(AggregateFunction.COUNT, DataType.BIGINT, false, GeneratedTable.NAME),
        call(AggregateFunction.SUM, DataType.BIGINT, false, GeneratedTable.ID),
        call(AggregateFunction.SUM, SUM_DECIMAL, false, GeneratedTable.AMOUNT),
        call(AggregateFunction.AVG, AVG_DECIMAL, false, GeneratedTable.AMOUNT),
        call(AggregateFunction.AVG, DataType.BIGINT, false, GeneratedTable.ID),
        call(AggregateFunction.MIN, DataType.VARCHAR, false, GeneratedTable.NAME),
        call(AggregateFunction.MAX, DataType.VARCHAR, false, GeneratedTable.NAME),
        call(AggregateFunction.MIN, DataType.DATE, false, GeneratedTable.DAY),
        call(AggregateFunction.MAX, DataType.DATE, false, GeneratedTable.DAY),
        call(AggregateFunction.MIN, DataType.decimal(12, 2), false, GeneratedTable.AMOUNT),
        call(AggregateFunction.MAX, DataType.BOOLEAN, false, GeneratedTable.FLAG),
        call(AggregateFunction.COUNT, DataType.BIGINT, true, GeneratedTable.NAME),
        call(AggregateFunction.SUM, SUM_DECIMAL, true, GeneratedTable.AMOUNT),
        call(AggregateFunction.SUM0, SUM_DECIMAL, false, GeneratedTable.AMOUNT));
  }

  /** Computes one aggregate over a group's rows the plain Java way. */
  private static Object reference(AggregateCall call, List<List<Object>> rows) {
    if (call.arguments().isEmpty()) {
      return (long) rows.size();
    }
    int argument = call.arguments().get(0);
    List<Object> values = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.get(argument) != null) {
        values.add(row.get(argument));
      }
    }
    if (call.distinct()) {
      values = new ArrayList<>(new HashSet<>(values));
    }
    Comparator<Object> order = (left, right) -> compareValues(left, right);
    return switch (call.function()) {
      case COUNT -> (long) values.size();
      case SUM, SUM0 -> {
        if (values.isEmpty()) {
          yield call.function() == AggregateFunction.SUM0 ? BigDecimal.ZERO.setScale(2) : null;
        }
        yield values.get(0) instanceof Long
            ? (Object) values.stream().mapToLong(v -> (Long) v).sum()
            : values.stream().map(v -> (BigDecimal) v).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(call.type().scale());
      }
      case AVG -> {
        if (values.isEmpty()) {
          yield null;
        }
        if (values.get(0) instanceof Long) {
          yield values.stream().mapToLong(v -> (Long) v).sum() / values.size();
        }
        BigDecimal sum = values.stream().map(v -> (BigDecimal) v)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        yield sum.divide(BigDecimal.valueOf(values.size()), call.type().scale(),
            RoundingMode.HALF_UP);
      }
      case MIN -> values.stream().min(order).orElse(null);
      case MAX -> values.stream().max(order).orElse(null);
      case SINGLE_VALUE -> {
        if (rows.size() > 1) {
          throw new IllegalArgumentException("SINGLE_VALUE over " + rows.size() + " rows");
        }
        yield values.isEmpty() ? null : values.get(0);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static int compareValues(Object left, Object right) {
    return ((Comparable<Object>) left).compareTo(right);
  }

  /** Expected output rows: keys then aggregates, keyed by the key values. */
  private static Map<List<Object>, List<Object>> expected(List<List<Object>> rows,
      List<Integer> keys, List<AggregateCall> calls) {
    Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
    for (List<Object> row : rows) {
      List<Object> key = new ArrayList<>();
      keys.forEach(k -> key.add(row.get(k)));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    Map<List<Object>, List<Object>> result = new HashMap<>();
    groups.forEach((key, groupRows) -> {
      List<Object> output = new ArrayList<>(key);
      calls.forEach(call -> output.add(reference(call, groupRows)));
      result.put(key, output);
    });
    return result;
  }

  private static Map<List<Object>, List<Object>> byKey(List<List<Object>> rows, int keyCount) {
    Map<List<Object>, List<Object>> result = new HashMap<>();
    for (List<Object> row : rows) {
      List<Object> previous = result.put(new ArrayList<>(row.subList(0, keyCount)), row);
      assertEquals(null, previous, "duplicate group " + row.subList(0, keyCount));
    }
    return result;
  }

  private static RowType outputType(List<Integer> keys, List<AggregateCall> calls) {
    List<Column> columns = new ArrayList<>();
    keys.forEach(k -> columns.add(GeneratedTable.ROW_TYPE.column(k)));
    calls.forEach(call -> columns.add(new Column(call.name(), call.type())));
    return new RowType(columns);
  }

  private void checkGrouping(GeneratedTable table, List<Integer> keys, int parallelism,
      int batchSize) {
    List<AggregateCall> calls = allCalls();
    AggregateNode aggregate = new AggregateNode(Plans.scanAll(table), keys, calls,
        outputType(keys, calls));
    List<List<Object>> actual = run(runner, root, aggregate, parallelism, batchSize);
    assertEquals(expected(table.rows(), keys, calls), byKey(actual, keys.size()));
  }

  @Test
  void groupsByIntegerKeyWithNullsAcrossManyDrivers() {
    checkGrouping(new GeneratedTable(12, 83), List.of(GeneratedTable.BUCKET), 4, 32);
  }

  @Test
  void groupsByStringAndDateKeys() {
    checkGrouping(new GeneratedTable(9, 61), List.of(GeneratedTable.NAME, GeneratedTable.DAY), 3,
        50);
  }

  @Test
  void groupsByDecimalBooleanAndBigintKeys() {
    checkGrouping(new GeneratedTable(5, 40),
        List.of(GeneratedTable.FLAG, GeneratedTable.AMOUNT), 2, 16);
    // Every row its own group: the hash table grows and the partial tables merge many groups.
    checkGrouping(new GeneratedTable(6, 700), List.of(GeneratedTable.ID), 3, 128);
  }

  @Test
  void anAggregationThePlanHoldsThreeTimesIsComputedOnceAndEachPlaceReadsAllItsGroups() {
    GeneratedTable table = new GeneratedTable(6, 50);
    List<AggregateCall> calls = allCalls();
    List<Integer> keys = List.of(GeneratedTable.BUCKET);
    AggregateNode aggregate = new AggregateNode(Plans.scanAll(table), keys, calls,
        outputType(keys, calls));
    // Equal by value, not the same object: what the planner's expansion of a WITH query gives.
    AggregateNode again = new AggregateNode(Plans.scanAll(table), keys, calls,
        outputType(keys, calls));
    UnionNode plan = new UnionNode(
        List.of(aggregate, new LimitNode(again, 0, 1), again), aggregate.outputType());

    List<List<Object>> rows = run(runner, root, plan, 3, 8);

    assertEquals(6, table.openedSplits(), "splits read");
    Map<List<Object>, List<Object>> groups = expected(table.rows(), keys, calls);
    Map<List<Object>, Integer> timesSeen = new HashMap<>();
    for (List<Object> row : rows) {
      List<Object> key = row.subList(0, keys.size());
      assertEquals(groups.get(key), row, "group " + key);
      timesSeen.merge(key, 1, Integer::sum);
    }
    assertEquals(groups.size() * 2 + 1, rows.size());
    assertEquals(groups.keySet(), timesSeen.keySet());
  }

  @Test
  void globalAggregationGivesOneRow() {
    checkGrouping(new GeneratedTable(7, 30), List.of(), 4, 8);
  }

  @Test
  void globalAggregationOverEmptyInputGivesOneRowOfZeroCountsAndNulls() {
    List<AggregateCall> calls = allCalls();
    AggregateNode aggregate = new AggregateNode(Plans.scanAll(new GeneratedTable(0, 10)),
        List.of(), calls, outputType(List.of(), calls));
    List<List<Object>> rows = run(runner, root, aggregate, 3, 8);
    List<Object> expected = new ArrayList<>();
    for (AggregateCall call : calls) {
      expected.add(call.function() == AggregateFunction.COUNT ? (Object) 0L
          : call.function() == AggregateFunction.SUM0 ? BigDecimal.ZERO.setScale(2) : null);
    }
    assertEquals(List.of(expected), rows);
  }

  @Test
  void groupedAggregationOverEmptyInputGivesNoRows() {
    List<AggregateCall> calls = allCalls();
    List<Integer> keys = List.of(GeneratedTable.BUCKET);
    AggregateNode aggregate = new AggregateNode(Plans.scanAll(new GeneratedTable(0, 10)), keys,
        calls, outputType(keys, calls));
    assertEquals(List.of(), run(runner, root, aggregate, 3, 8));
  }

  private static ValuesNode values(DataType type, List<Object> values) {
    List<List<Object>> rows = new ArrayList<>();
    values.forEach(v -> rows.add(Arrays.asList(v)));
    return new ValuesNode(RowType.of(new Column("x", type)), rows);
  }

  private List<Object> aggregateSingleColumn(ExecNode input, AggregateCall... calls) {
    List<Column> columns = new ArrayList<>();
    for (AggregateCall call : calls) {
      columns.add(new Column(call.name() + columns.size(), call.type()));
    }
    List<List<Object>> rows = run(runner, root,
        new AggregateNode(input, List.of(), List.of(calls), new RowType(columns)), 2, 2);
    assertEquals(1, rows.size());
    return rows.get(0);
  }

  @Test
  void singleValueIsTheOneRowsValueNullForNoRowAndAnErrorForMore() {
    SalvoException error = assertThrows(SalvoException.class, () -> aggregateSingleColumn(
        values(DataType.VARCHAR, List.of("a", "b")),
        call(AggregateFunction.SINGLE_VALUE, DataType.VARCHAR, false, 0)));
    assertEquals(ErrorCode.CARDINALITY_VIOLATION, error.code());
    // Two NULL rows are two rows too.
    assertEquals(ErrorCode.CARDINALITY_VIOLATION, assertThrows(SalvoException.class,
        () -> aggregateSingleColumn(values(DataType.BIGINT, Arrays.asList(null, null)),
            call(AggregateFunction.SINGLE_VALUE, DataType.BIGINT, false, 0))).code());
    assertEquals(Arrays.asList("a", null, null), Arrays.asList(
        aggregateSingleColumn(values(DataType.VARCHAR, List.of("a")),
            call(AggregateFunction.SINGLE_VALUE, DataType.VARCHAR, false, 0)).get(0),
        aggregateSingleColumn(values(DataType.BIGINT, Arrays.asList((Object) null)),
            call(AggregateFunction.SINGLE_VALUE, DataType.BIGINT, false, 0)).get(0),
        aggregateSingleColumn(values(DataType.BIGINT, List.of()),
            call(AggregateFunction.SINGLE_VALUE, DataType.BIGINT, false, 0)).get(0)));
  }

  @Test
  void bigintSumOverflowFailsWithNumericOverflow() {
    ValuesNode input = values(DataType.BIGINT, List.of(Long.MAX_VALUE, 1L));
    SalvoException error = assertThrows(SalvoException.class, () -> aggregateSingleColumn(input,
        call(AggregateFunction.SUM, DataType.BIGINT, false, 0)));
    assertEquals(ErrorCode.NUMERIC_OVERFLOW, error.code());
  }

  @Test
  void decimalSumLeavesTheLongRangeExactly() {
    BigDecimal big = new BigDecimal("9000000000000000000.5");
    ValuesNode input = values(DataType.decimal(38, 1),
        Arrays.asList(big, big, null, big.negate().subtract(BigDecimal.ONE), big));
    List<Object> row = aggregateSingleColumn(input,
        call(AggregateFunction.SUM, DataType.decimal(38, 1), false, 0),
        call(AggregateFunction.AVG, DataType.decimal(38, 2), false, 0),
        call(AggregateFunction.MIN, DataType.decimal(38, 1), false, 0),
        call(AggregateFunction.MAX, DataType.decimal(38, 1), false, 0));
    BigDecimal sum = big.multiply(BigDecimal.valueOf(2)).subtract(BigDecimal.ONE);
    assertEquals(List.of(sum, sum.divide(BigDecimal.valueOf(4), 2, RoundingMode.HALF_UP),
        big.negate().subtract(BigDecimal.ONE), big), row);
  }

  @Test
  void decimalSumOfValuesThatFitALongOverflowsIntoAnExactSum() {
    BigDecimal large = new BigDecimal("900000000000000000"); // 9 * 10^17, fits a long
    List<Object> values = new ArrayList<>();
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < 40; i++) {
      BigDecimal value = i % 7 == 6 ? large.negate() : large;
      values.add(value);
      expected = expected.add(value);
    }
    ValuesNode input = values(DataType.decimal(18, 0), values);
    assertEquals(List.of(expected), aggregateSingleColumn(input,
        call(AggregateFunction.SUM, DataType.decimal(38, 0), false, 0)));
  }

  @Test
  void groupedDecimalSumsAreExactInBatchesOfSmallWideAndNearlyOverflowingValues() {
    // Batches of 8 rows over three groups: small values (summed per batch, checked once), a
    // value wider than a long, values that fit a long but whose batch total would not, and a
    // NULL; every batch's groups must get exact sums and counts whichever way it is added.
    BigDecimal nearMax = new BigDecimal("4000000000000000000"); // 4 * 10^18 < 2^63
    BigDecimal wide = new BigDecimal("18446744073709551621"); // 2^64 + 5: its low word is 5
    List<List<Object>> rows = new ArrayList<>();
    for (int batch = 0; batch < 6; batch++) {
      for (int i = 0; i < 8; i++) {
        BigDecimal value = switch (batch) {
          case 1 -> i == 5 ? wide.negate() : BigDecimal.valueOf(i);
          case 2 -> nearMax;
          case 4 -> i == 3 ? null : BigDecimal.valueOf(-i * 1000);
          default -> BigDecimal.valueOf(batch * 100 + i);
        };
        rows.add(Arrays.asList((long) ((i + batch) % 3), value));
      }
    }
    RowType type = RowType.of(new Column("k", DataType.BIGINT),
        new Column("v", DataType.decimal(38, 0)));
    List<AggregateCall> calls = List.of(call(AggregateFunction.COUNT, DataType.BIGINT, false),
        call(AggregateFunction.SUM, DataType.decimal(38, 0), false, 1),
        call(AggregateFunction.COUNT, DataType.BIGINT, false, 1));
    RowType output = RowType.of(new Column("k", DataType.BIGINT),
        new Column("c", DataType.BIGINT), new Column("total", DataType.decimal(38, 0)),
        new Column("values", DataType.BIGINT));
    List<List<Object>> actual = run(runner, root,
        new AggregateNode(new ValuesNode(type, rows), List.of(0), calls, output), 1, 8);
    assertEquals(3, actual.size());
    assertEquals(expected(rows, List.of(0), calls), byKey(actual, 1));
  }

  @Test
  void decimalAverageRoundsHalfUpAndIntegerAverageTruncates() {
    ValuesNode decimals = values(DataType.decimal(5, 2),
        List.of(new BigDecimal("0.01"), new BigDecimal("0.02")));
    assertEquals(List.of(new BigDecimal("0.02")), aggregateSingleColumn(decimals,
        call(AggregateFunction.AVG, DataType.decimal(5, 2), false, 0)));
    ValuesNode integers = values(DataType.INTEGER, List.of(-7L, 0L, 0L));
    assertEquals(List.of(-2L, 0L - 7, -7L, 0L), aggregateSingleColumn(integers,
        call(AggregateFunction.AVG, DataType.INTEGER, false, 0),
        call(AggregateFunction.SUM, DataType.INTEGER, false, 0),
        call(AggregateFunction.MIN, DataType.INTEGER, false, 0),
        call(AggregateFunction.MAX, DataType.INTEGER, false, 0)));
  }

  @Test
  void doubleAggregates() {
    // The NULL is left out of the average's count: 3.0 / 3.
    ValuesNode input = values(DataType.DOUBLE, Arrays.asList(1.5, null, -4.0, 5.5));
    assertEquals(List.of(3.0, 1.0, -4.0, 5.5, 3L), aggregateSingleColumn(input,
        call(AggregateFunction.SUM, DataType.DOUBLE, false, 0),
        call(AggregateFunction.AVG, DataType.DOUBLE, false, 0),
        call(AggregateFunction.MIN, DataType.DOUBLE, false, 0),
        call(AggregateFunction.MAX, DataType.DOUBLE, false, 0),
        call(AggregateFunction.COUNT, DataType.BIGINT, false, 0)));
  }

  @Test
  void countDistinctOverSeveralArgumentsSkipsTuplesWithNulls() {
    RowType type = RowType.of(new Column("a", DataType.BIGINT), new Column("b", DataType.VARCHAR));
    List<List<Object>> rows = List.of(Arrays.asList(1L, "x"), Arrays.asList(1L, "x"),
        Arrays.asList(1L, "y"), Arrays.asList(null, "y"), Arrays.asList(2L, null),
        Arrays.asList(2L, "x"));
    Function<List<Object>, Boolean> complete = row -> row.stream().allMatch(Objects::nonNull);
    long expected = rows.stream().filter(complete::apply).distinct().count();
    assertEquals(List.of(expected), aggregateSingleColumn(new ValuesNode(type, rows),
        call(AggregateFunction.COUNT, DataType.BIGINT, true, 0, 1)));
  }

  @Test
  void minAndMaxOfDatesTimestampsAndStrings() {
    ValuesNode dates = values(DataType.DATE, Arrays.asList(LocalDate.of(2020, 5, 1), null,
        LocalDate.of(1969, 12, 31), LocalDate.of(2021, 1, 1)));
    assertEquals(List.of(LocalDate.of(1969, 12, 31), LocalDate.of(2021, 1, 1)),
        aggregateSingleColumn(dates, call(AggregateFunction.MIN, DataType.DATE, false, 0),
            call(AggregateFunction.MAX, DataType.DATE, false, 0)));
    ValuesNode strings = values(DataType.VARCHAR, Arrays.asList("b", "é", "a", "ab", null));
    assertEquals(List.of("a", "é"), aggregateSingleColumn(strings,
        call(AggregateFunction.MIN, DataType.VARCHAR, false, 0),
        call(AggregateFunction.MAX, DataType.VARCHAR, false, 0)));
  }

  @Test
  void groupsLongStringsThatShareTheirFirstEightBytes() {
    RowType type = RowType.of(new Column("s", DataType.VARCHAR), new Column("n", DataType.BIGINT));
    List<String> keys = Arrays.asList("prefix-long-a", "prefix-long-b", "prefix-long-a", "", null,
        "short", "prefix-l", "prefix-long-b", null, "", "prefix-long-ab", "short");
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      rows.add(Arrays.asList(keys.get(i), (long) i));
    }
    List<AggregateCall> calls = List.of(call(AggregateFunction.COUNT, DataType.BIGINT, false),
        call(AggregateFunction.SUM, DataType.BIGINT, false, 1),
        call(AggregateFunction.MAX, DataType.VARCHAR, false, 0));
    RowType output = RowType.of(new Column("s", DataType.VARCHAR),
        new Column("c", DataType.BIGINT), new Column("total", DataType.BIGINT),
        new Column("largest", DataType.VARCHAR));
    List<List<Object>> actual = run(runner, root,
        new AggregateNode(new ValuesNode(type, rows), List.of(0), calls, output), 2, 3);
    assertEquals(expected(rows, List.of(0), calls), byKey(actual, 1));
  }

  @Test
  void shortAndLongKeysNullsAndEmptyStringsGroupApartAcrossBatches() {
    // Batches of 4 rows by (string, bigint): some batches' keys all fit a word (strings of up
    // to 7 bytes, no NULLs), others do not (an 8-byte string, a NULL), and groups made in one
    // kind of batch must be found from the other; "" and NULL, 0 and NULL, and strings equal
    // in their first 7 bytes stay apart. The NULL keys come last, once every other group exists.
    String[] names = {"R", "A", "", "abcdefg", "abcdefgh", "abcdefgi", "N", "\u0000"};
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 96; i++) {
      String name = names[i % 8 == 4 || i % 8 == 5 ? (i / 8 % 2 == 0 ? i % 8 : 0) : i % 8];
      rows.add(Arrays.asList(name, (long) (i % 3)));
    }
    rows.add(Arrays.asList(null, 0L));
    rows.add(Arrays.asList("", null));
    rows.add(Arrays.asList("R", 0L));
    rows.add(Arrays.asList(null, null));
    rows.add(Arrays.asList("abcdefgh", 1L));
    RowType type = new RowType(List.of(new Column("name", DataType.VARCHAR),
        new Column("n", DataType.BIGINT)));
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    for (List<Object> row : rows) {
      counts.merge(row, 1L, Long::sum);
    }
    List<List<Object>> expected = new ArrayList<>();
    counts.forEach((key, count) -> expected.add(Arrays.asList(key.get(0), key.get(1), count)));
    AggregateNode plan = new AggregateNode(new ValuesNode(type, rows), List.of(0, 1),
        List.of(call(AggregateFunction.COUNT, DataType.BIGINT, false)),
        new RowType(List.of(new Column("name", DataType.VARCHAR),
            new Column("n", DataType.BIGINT), new Column("c", DataType.BIGINT))));
    Comparator<List<Object>> order = Comparator.comparing(Object::toString);
    List<List<Object>> actual = new ArrayList<>(run(runner, root, plan, 1, 4));
    actual.sort(order);
    expected.sort(order);
    assertEquals(expected, actual);
  }

  @Test
  void batchesOfRunsAndBatchesOfMixedKeysFindTheSameGroups() {
    // Batches of 8 rows: even batches hold long runs of one key (matched to the row before),
    // odd ones a different key on every row (each looked up in the table); both kinds must
    // find the groups the other made.
    String[] names = {"A", "N", "R", "a-longer-name"};
    List<List<Object>> rows = new ArrayList<>();
    for (int batch = 0; batch < 12; batch++) {
      for (int i = 0; i < 8; i++) {
        int key = batch % 2 == 0 ? (batch / 2 + i / 4) % 4 : (i + batch) % 4;
        rows.add(Arrays.asList(names[key], (long) (key % 2), (long) (batch * 8 + i)));
      }
    }
    RowType type = RowType.of(new Column("name", DataType.VARCHAR),
        new Column("flag", DataType.BIGINT), new Column("n", DataType.BIGINT));
    List<AggregateCall> calls = List.of(call(AggregateFunction.COUNT, DataType.BIGINT, false),
        call(AggregateFunction.SUM, DataType.BIGINT, false, 2));
    RowType output = RowType.of(new Column("name", DataType.VARCHAR),
        new Column("flag", DataType.BIGINT), new Column("c", DataType.BIGINT),
        new Column("total", DataType.BIGINT));
    List<List<Object>> actual = run(runner, root,
        new AggregateNode(new ValuesNode(type, rows), List.of(0, 1), calls, output), 1, 8);
    assertEquals(4, actual.size());
    assertEquals(expected(rows, List.of(0, 1), calls), byKey(actual, 2));
  }

  @Test
  void keysInNarrowRangesAreGroupedDirectlyUntilTheyNoLongerFit() {
    // Batches of 8 rows by (string, bigint), each batch one phase: one-letter names and small
    // numbers (laid out directly); numbers reaching 100 (laid out afresh: the earlier groups
    // must be found again); an 8-byte name beside a new one-letter one (grouped by hash, so the
    // direct table learns "Z" on its next sight); numbers at both ends of BIGINT (too far apart:
    // hashing for good); then NULLs.
    List<List<Object>> rows = new ArrayList<>();
    String[] letters = {"A", "N", "R"};
    for (int i = 0; i < 24; i++) {
      rows.add(Arrays.asList(letters[i * 7 % 3], (long) (i % 2)));
    }
    for (int i = 0; i < 16; i++) {
      rows.add(Arrays.asList(letters[i % 3], i % 2 == 0 ? 100L - i : (long) (i % 4 / 2)));
    }
    for (int i = 0; i < 8; i++) {
      rows.add(Arrays.asList(i % 2 == 0 ? "abcdefgh" : "Z", (long) (i % 3)));
    }
    for (int i = 0; i < 16; i++) {
      rows.add(Arrays.asList(i % 4 == 0 ? "Z" : letters[i % 3], (long) (i % 5)));
    }
    for (int i = 0; i < 8; i++) {
      rows.add(Arrays.asList(letters[i % 3],
          i % 3 == 0 ? Long.MIN_VALUE : i % 3 == 1 ? Long.MAX_VALUE : (long) (i % 2)));
    }
    for (int i = 0; i < 8; i++) {
      rows.add(Arrays.asList(i % 2 == 0 ? null : "A", i % 4 < 2 ? null : 1L));
    }
    RowType type = RowType.of(new Column("name", DataType.VARCHAR),
        new Column("n", DataType.BIGINT));
    Map<List<Object>, Long> counts = new LinkedHashMap<>();
    for (List<Object> row : rows) {
      counts.merge(row, 1L, Long::sum);
    }
    AggregateNode plan = new AggregateNode(new ValuesNode(type, rows), List.of(0, 1),
        List.of(call(AggregateFunction.COUNT, DataType.BIGINT, false)),
        RowType.of(new Column("name", DataType.VARCHAR), new Column("n", DataType.BIGINT),
            new Column("c", DataType.BIGINT)));
    Map<List<Object>, Long> actual = new HashMap<>();
    for (List<Object> row : run(runner, root, plan, 1, 8)) {
      assertEquals(null, actual.put(row.subList(0, 2), (Long) row.get(2)), "duplicate " + row);
    }
    assertEquals(counts, actual);
  }

  @Test
  void keysNewToTheTableRepeatedInOneBatchWhileItGrowsFormOneGroupEach() {
    // 1,000 keys in scattered order, each three times, in one batch: the table grows several
    // times while the batch is looked up, and the second sight of a key must find the group the
    // first one added, not add another.
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(Arrays.asList((long) (i * 7919 % 1000), 1L));
    }
    RowType type = RowType.of(new Column("k", DataType.BIGINT), new Column("one", DataType.BIGINT));
    List<AggregateCall> calls = List.of(call(AggregateFunction.SUM, DataType.BIGINT, false, 1));
    RowType output = RowType.of(new Column("k", DataType.BIGINT),
        new Column("total", DataType.BIGINT));
    List<List<Object>> actual = run(runner, root,
        new AggregateNode(new ValuesNode(type, rows), List.of(0), calls, output), 1, 4096);
    assertEquals(1000, actual.size());
    assertEquals(expected(rows, List.of(0), calls), byKey(actual, 1));
  }
}
