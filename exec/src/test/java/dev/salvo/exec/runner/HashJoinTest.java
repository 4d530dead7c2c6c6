package dev.salvo.exec.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.UnionNode;
import dev.salvo.exec.plan.ValuesNode;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hash and nested-loop joins over hand-written VALUES inputs, at several batch sizes. */
class HashJoinTest {
  private static final RowType LEFT = new RowType(List.of(
      new Column("k", DataType.BIGINT), new Column("name", DataType.VARCHAR)));
  private static final RowType RIGHT = new RowType(List.of(
      new Column("k", DataType.BIGINT), new Column("score", DataType.BIGINT)));

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

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static ValuesNode left() {
    return new ValuesNode(LEFT, List.of(row(1L, "a"), row(2L, "b"), row(2L, "b2"),
        row(null, "n"), row(4L, "d")));
  }

  private static ValuesNode right() {
    return new ValuesNode(RIGHT, List.of(row(2L, 20L), row(2L, 21L), row(1L, 10L),
        row(null, 0L), row(5L, 50L)));
  }

  private static RowType joined(JoinType type) {
    if (type.projectsProbeOnly()) {
      return LEFT;
    }
    List<Column> columns = new ArrayList<>(LEFT.columns());
    columns.addAll(RIGHT.columns());
    return new RowType(columns);
  }

  private static HashJoinNode join(ExecNode probe, ExecNode build, JoinType type,
      Optional<Expression> residual) {
    return new HashJoinNode(probe, build, type, List.of(0), List.of(0), List.of(false), residual,
        joined(type));
  }

  private List<List<Object>> run(ExecNode plan, int batchSize) {
    List<List<Object>> rows = new ArrayList<>(
        RunnerTestSupport.run(runner, root, plan, 3, batchSize));
    rows.sort(Comparator.comparing(Object::toString));
    return rows;
  }

  /** The rows of every part, in order: what an outer join adds to its matches. */
  @SafeVarargs
  private static List<List<Object>> concat(List<List<Object>>... parts) {
    List<List<Object>> rows = new ArrayList<>();
    for (List<List<Object>> part : parts) {
      rows.addAll(part);
    }
    return rows;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 1024})
  void innerJoinMatchesEveryPairAndNoNullKey(int batchSize) {
    assertEquals(sorted(List.of(row(1L, "a", 1L, 10L), row(2L, "b", 2L, 20L),
        row(2L, "b", 2L, 21L), row(2L, "b2", 2L, 20L), row(2L, "b2", 2L, 21L))),
        run(join(left(), right(), JoinType.INNER, Optional.empty()), batchSize));
  }

  @Test
  void outerJoinOverManyRowsKeepsEachValueAndEachNull() {
    // 300 probe rows against a build side of several batches, every third key unmatched and
    // every fifth build score NULL: joined values and NULLs are gathered past the first 64 rows
    // of each output batch, from many build batches.
    List<List<Object>> probe = new ArrayList<>();
    List<List<Object>> build = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    for (long k = 0; k < 300; k++) {
      probe.add(row(k, "p" + k));
      Long score = k % 5 == 0 ? null : k * 10;
      if (k % 3 != 0) {
        build.add(row(k, score));
        expected.add(row(k, "p" + k, k, score));
      } else {
        expected.add(row(k, "p" + k, null, null));
      }
    }
    assertEquals(sorted(expected), run(join(new ValuesNode(LEFT, probe),
        new ValuesNode(RIGHT, build), JoinType.LEFT, Optional.empty()), 100));
  }

  @Test
  void aBuildSideTooBigForTheCacheFindsEveryMatchThroughItsFilter() {
    // 50,000 build rows make a table big enough that probes ask its filter first (their keys
    // too far apart to index directly or keep as a set); of 20,000 probe keys every fourth is
    // on the build side, the others just beside it. A NULL on either side matches nothing.
    List<Long> buildKeys = new ArrayList<>();
    for (long k = 0; k < 50_000; k++) {
      buildKeys.add(k * 8 * 1024);
    }
    buildKeys.add(null);
    List<Long> probeKeys = new ArrayList<>();
    for (long i = 0; i < 20_000; i++) {
      probeKeys.add(i % 4 == 0 ? i * 16 * 1024 : i * 16 * 1024 + 1);
    }
    probeKeys.add(null);
    assertJoinsFindEveryMatch(probeKeys, buildKeys);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 20, 1_000_003})
  void oneIntegerKeyFindsTheSameRowsIndexedDirectlyOrHashed(long stride) {
    // Stride 1 puts the build keys in a range narrow enough to index directly, stride 20 too
    // wide for that but narrow enough for a set of their values, the last one too wide for
    // either (a Bloom filter then). Build keys from -3,000 up, every fifth
    // twice, and a NULL; probe keys below, inside and above that range, the extremes of BIGINT
    // (whose distance from the smallest key overflows) and a NULL.
    List<Long> buildKeys = new ArrayList<>();
    for (long k = -1000; k < 1000; k++) {
      buildKeys.add(k * 3 * stride);
      if (k % 5 == 0) {
        buildKeys.add(k * 3 * stride);
      }
    }
    buildKeys.add(null);
    List<Long> probeKeys = new ArrayList<>();
    for (long k = -3010; k < 3010; k += 2) {
      probeKeys.add(k * stride);
    }
    probeKeys.addAll(Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, null));
    assertJoinsFindEveryMatch(probeKeys, buildKeys);
  }

  @Test
  void aDirectIndexTooBigForTheCacheFindsEveryMatchThroughItsBitmap() {
    // 20,000 keys 10 apart span 200,000 values: indexed directly, with a bit per value asked
    // first. Probe keys fall on the build keys, between them and outside their range.
    List<Long> buildKeys = new ArrayList<>();
    for (long k = 0; k < 20_000; k++) {
      buildKeys.add(k * 10 + 7);
    }
    List<Long> probeKeys = new ArrayList<>();
    for (long k = -20; k < 200_030; k += 3) {
      probeKeys.add(k);
    }
    assertJoinsFindEveryMatch(probeKeys, buildKeys);
  }

  /** Joins of every type over the given keys agree with the pairs a map of keys finds. */
  private void assertJoinsFindEveryMatch(List<Long> probeKeys, List<Long> buildKeys) {
    List<List<Object>> probe = new ArrayList<>();
    for (int i = 0; i < probeKeys.size(); i++) {
      probe.add(row(probeKeys.get(i), "p" + i));
    }
    List<List<Object>> build = new ArrayList<>();
    Map<Long, List<Integer>> buildRowsByKey = new HashMap<>();
    for (int i = 0; i < buildKeys.size(); i++) {
      build.add(row(buildKeys.get(i), (long) i));
      if (buildKeys.get(i) != null) {
        buildRowsByKey.computeIfAbsent(buildKeys.get(i), key -> new ArrayList<>()).add(i);
      }
    }
    List<List<Object>> inner = new ArrayList<>();
    List<List<Object>> semi = new ArrayList<>();
    List<List<Object>> anti = new ArrayList<>();
    List<List<Object>> left = new ArrayList<>();
    List<List<Object>> right = new ArrayList<>();
    boolean[] buildMatched = new boolean[build.size()];
    for (List<Object> p : probe) {
      List<Integer> matches = p.get(0) == null ? List.of()
          : buildRowsByKey.getOrDefault((Long) p.get(0), List.of());
      boolean matched = !matches.isEmpty();
      for (int b : matches) {
        List<Object> pair = new ArrayList<>(p);
        pair.addAll(build.get(b));
        inner.add(pair);
        buildMatched[b] = true;
      }
      (matched ? semi : anti).add(p);
      if (!matched) {
        left.add(row(p.get(0), p.get(1), null, null));
      }
    }
    for (int b = 0; b < build.size(); b++) {
      if (!buildMatched[b]) {
        right.add(row(null, null, build.get(b).get(0), build.get(b).get(1)));
      }
    }
    ValuesNode probeSide = new ValuesNode(LEFT, probe);
    ValuesNode buildSide = new ValuesNode(RIGHT, build);
    assertEquals(sorted(inner), run(join(probeSide, buildSide, JoinType.INNER,
        Optional.empty()), 1024));
    assertEquals(sorted(semi), run(join(probeSide, buildSide, JoinType.SEMI,
        Optional.empty()), 1024));
    assertEquals(sorted(anti), run(join(probeSide, buildSide, JoinType.ANTI,
        Optional.empty()), 1024));
    assertEquals(sorted(concat(inner, left)), run(join(probeSide, buildSide, JoinType.LEFT,
        Optional.empty()), 1024));
    assertEquals(sorted(concat(inner, right)), run(join(probeSide, buildSide, JoinType.RIGHT,
        Optional.empty()), 1024));
    assertEquals(sorted(concat(inner, left, right)), run(join(probeSide, buildSide,
        JoinType.FULL, Optional.empty()), 1024));
  }

  @Test
  void stringsGatheredFromManyBuildBatchesKeepEachValueAndEachNull() {
    // The build side holds the strings (every seventh NULL), spread over several batches.
    List<List<Object>> probe = new ArrayList<>();
    List<List<Object>> build = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    for (long k = 0; k < 300; k++) {
      String name = k % 7 == 0 ? null : "name of " + k;
      probe.add(row(k, k * 10));
      build.add(row(k, name));
      expected.add(row(k, k * 10, k, name));
    }
    List<Column> columns = new ArrayList<>(RIGHT.columns());
    columns.addAll(LEFT.columns());
    HashJoinNode plan = new HashJoinNode(new ValuesNode(RIGHT, probe),
        new ValuesNode(LEFT, build), JoinType.INNER, List.of(0), List.of(0), List.of(false),
        Optional.empty(), new RowType(columns));
    assertEquals(sorted(expected), run(plan, 100));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 1024})
  void outerJoinsKeepUnmatchedRowsWithNulls(int batchSize) {
    List<List<Object>> matches = List.of(row(1L, "a", 1L, 10L), row(2L, "b", 2L, 20L),
        row(2L, "b", 2L, 21L), row(2L, "b2", 2L, 20L), row(2L, "b2", 2L, 21L));
    List<List<Object>> leftOnly = List.of(row(null, "n", null, null), row(4L, "d", null, null));
    List<List<Object>> rightOnly = List.of(row(null, null, null, 0L), row(null, null, 5L, 50L));
    assertEquals(sorted(concat(matches, leftOnly)),
        run(join(left(), right(), JoinType.LEFT, Optional.empty()), batchSize));
    assertEquals(sorted(concat(matches, rightOnly)),
        run(join(left(), right(), JoinType.RIGHT, Optional.empty()), batchSize));
    assertEquals(sorted(concat(matches, leftOnly, rightOnly)),
        run(join(left(), right(), JoinType.FULL, Optional.empty()), batchSize));
  }

  @Test
  void semiAndAntiJoinsEmitProbeRowsOnce() {
    assertEquals(sorted(List.of(row(1L, "a"), row(2L, "b"), row(2L, "b2"))),
        run(join(left(), right(), JoinType.SEMI, Optional.empty()), 2));
    assertEquals(sorted(List.of(row(null, "n"), row(4L, "d"))),
        run(join(left(), right(), JoinType.ANTI, Optional.empty()), 2));
  }

  @Test
  void residualConditionFiltersCandidatePairs() {
    // right.score > 20 (column 3 of probe ++ build)
    Expression scoreAbove20 = Call.of(ScalarFunction.GREATER_THAN, DataType.BOOLEAN,
        new ColumnReference(3, DataType.BIGINT),
        new dev.salvo.exec.expr.Literal(20L, DataType.BIGINT));
    assertEquals(sorted(List.of(row(2L, "b", 2L, 21L), row(2L, "b2", 2L, 21L))),
        run(join(left(), right(), JoinType.INNER, Optional.of(scoreAbove20)), 1));
    assertEquals(sorted(List.of(row(1L, "a", null, null), row(2L, "b", 2L, 21L),
        row(2L, "b2", 2L, 21L), row(null, "n", null, null), row(4L, "d", null, null))),
        run(join(left(), right(), JoinType.LEFT, Optional.of(scoreAbove20)), 2));
    assertEquals(sorted(List.of(row(2L, "b"), row(2L, "b2"))),
        run(join(left(), right(), JoinType.SEMI, Optional.of(scoreAbove20)), 2));
    assertEquals(sorted(List.of(row(1L, "a"), row(null, "n"), row(4L, "d"))),
        run(join(left(), right(), JoinType.ANTI, Optional.of(scoreAbove20)), 2));
    assertEquals(sorted(List.of(row(null, null, 1L, 10L), row(null, null, 2L, 20L),
        row(null, null, null, 0L), row(null, null, 5L, 50L), row(2L, "b", 2L, 21L),
        row(2L, "b2", 2L, 21L))),
        run(join(left(), right(), JoinType.RIGHT, Optional.of(scoreAbove20)), 2));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 1024})
  void rightSemiAndAntiJoinsEmitBuildRowsOnceLikeSemiAndAntiJoinsTheOtherWayRound(
      int batchSize) {
    // The same answers as semiAndAntiJoinsEmitProbeRowsOnce and
    // residualConditionFiltersCandidatePairs, building the left input and probing the right.
    HashJoinNode rightSemi = new HashJoinNode(right(), left(), JoinType.RIGHT_SEMI, List.of(0),
        List.of(0), List.of(false), Optional.empty(), LEFT);
    assertEquals(sorted(List.of(row(1L, "a"), row(2L, "b"), row(2L, "b2"))),
        run(rightSemi, batchSize));
    HashJoinNode rightAnti = new HashJoinNode(right(), left(), JoinType.RIGHT_ANTI, List.of(0),
        List.of(0), List.of(false), Optional.empty(), LEFT);
    assertEquals(sorted(List.of(row(null, "n"), row(4L, "d"))), run(rightAnti, batchSize));
    // right.score > 20, right's columns first now
    Expression scoreAbove20 = Call.of(ScalarFunction.GREATER_THAN, DataType.BOOLEAN,
        new ColumnReference(1, DataType.BIGINT),
        new dev.salvo.exec.expr.Literal(20L, DataType.BIGINT));
    HashJoinNode rightSemiResidual = new HashJoinNode(right(), left(), JoinType.RIGHT_SEMI,
        List.of(0), List.of(0), List.of(false), Optional.of(scoreAbove20), LEFT);
    assertEquals(sorted(List.of(row(2L, "b"), row(2L, "b2"))),
        run(rightSemiResidual, batchSize));
    HashJoinNode rightAntiResidual = new HashJoinNode(right(), left(), JoinType.RIGHT_ANTI,
        List.of(0), List.of(0), List.of(false), Optional.of(scoreAbove20), LEFT);
    assertEquals(sorted(List.of(row(1L, "a"), row(null, "n"), row(4L, "d"))),
        run(rightAntiResidual, batchSize));
    // Without keys: left.k < right.k for some right row
    Expression less = Call.of(ScalarFunction.LESS_THAN, DataType.BOOLEAN,
        new ColumnReference(2, DataType.BIGINT), new ColumnReference(0, DataType.BIGINT));
    HashJoinNode nestedLoop = new HashJoinNode(right(), left(), JoinType.RIGHT_SEMI, List.of(),
        List.of(), List.of(), Optional.of(less), LEFT);
    assertEquals(sorted(List.of(row(1L, "a"), row(2L, "b"), row(2L, "b2"), row(4L, "d"))),
        run(nestedLoop, batchSize));
    ValuesNode emptyRight = new ValuesNode(RIGHT, List.of());
    assertEquals(List.of(), run(new HashJoinNode(emptyRight, left(), JoinType.RIGHT_SEMI,
        List.of(0), List.of(0), List.of(false), Optional.empty(), LEFT), batchSize));
    assertEquals(5, run(new HashJoinNode(emptyRight, left(), JoinType.RIGHT_ANTI,
        List.of(0), List.of(0), List.of(false), Optional.empty(), LEFT), batchSize).size());
  }

  @Test
  void nestedLoopJoinWithoutKeysChecksEveryPair() {
    // left.k < right.k
    Expression less = Call.of(ScalarFunction.LESS_THAN, DataType.BOOLEAN,
        new ColumnReference(0, DataType.BIGINT), new ColumnReference(2, DataType.BIGINT));
    HashJoinNode plan = new HashJoinNode(left(), right(), JoinType.INNER, List.of(), List.of(),
        List.of(), Optional.of(less), joined(JoinType.INNER));
    assertEquals(sorted(List.of(row(1L, "a", 2L, 20L), row(1L, "a", 2L, 21L),
        row(1L, "a", 5L, 50L), row(2L, "b", 5L, 50L), row(2L, "b2", 5L, 50L),
        row(4L, "d", 5L, 50L))), run(plan, 2));
    HashJoinNode cross = new HashJoinNode(left(), right(), JoinType.INNER, List.of(), List.of(),
        List.of(), Optional.empty(), joined(JoinType.INNER));
    assertEquals(25, run(cross, 3).size());
  }

  @Test
  void emptySides() {
    ValuesNode emptyRight = new ValuesNode(RIGHT, List.of());
    ValuesNode emptyLeft = new ValuesNode(LEFT, List.of());
    assertEquals(List.of(), run(join(left(), emptyRight, JoinType.INNER, Optional.empty()), 4));
    assertEquals(5, run(join(left(), emptyRight, JoinType.LEFT, Optional.empty()), 4).size());
    assertEquals(5, run(join(left(), emptyRight, JoinType.ANTI, Optional.empty()), 4).size());
    assertEquals(List.of(), run(join(left(), emptyRight, JoinType.SEMI, Optional.empty()), 4));
    assertEquals(5, run(join(emptyLeft, right(), JoinType.RIGHT, Optional.empty()), 4).size());
    assertEquals(5, run(join(emptyLeft, right(), JoinType.FULL, Optional.empty()), 4).size());
  }

  @Test
  void nullSafeKeysMatchNullWithNull() {
    HashJoinNode plan = new HashJoinNode(left(), right(), JoinType.INNER, List.of(0), List.of(0),
        List.of(true), Optional.empty(), joined(JoinType.INNER));
    assertEquals(6, run(plan, 8).size());
  }

  @Test
  void unionAllKeepsEveryRow() {
    UnionNode union = new UnionNode(List.of(left(), left(), new ValuesNode(LEFT, List.of())),
        LEFT);
    assertEquals(10, run(union, 2).size());
  }

  @Test
  void buildSideOverTheMemoryLimitFailsAndReleasesEverything() {
    List<List<Object>> many = new ArrayList<>();
    for (long i = 0; i < 20_000; i++) {
      many.add(row(i, i));
    }
    HashJoinNode plan = join(left(), new ValuesNode(RIGHT, many), JoinType.INNER,
        Optional.empty());
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, 300_000)) {
      SalvoException error = assertThrows(SalvoException.class, () -> {
        try (ResultStream stream = runner.execute(plan,
            new QueryContext("limited", allocator, 2, 1024))) {
          dev.salvo.exec.testing.Results.rows(stream);
        }
      });
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, error.code());
      assertEquals(0, allocator.getAllocatedMemory());
    }
  }

  @Test
  void columnsNothingReadsAboveAJoinAreNotGatheredAndTheReadOnesKeepTheirValues() {
    for (JoinType type : JoinType.values()) {
      for (boolean withResidual : new boolean[] {false, true}) {
        boolean buildOnly = type.projectsBuildOnly();
        // score > 20: column 3 of left ++ right, column 1 of right ++ left
        Optional<Expression> residual = withResidual
            ? Optional.of(Call.of(ScalarFunction.GREATER_THAN, DataType.BOOLEAN,
                new ColumnReference(buildOnly ? 1 : 3, DataType.BIGINT),
                new dev.salvo.exec.expr.Literal(20L, DataType.BIGINT)))
            : Optional.empty();
        HashJoinNode join = buildOnly
            ? new HashJoinNode(right(), left(), type, List.of(0), List.of(0), List.of(false),
                residual, LEFT)
            : join(left(), right(), type, residual);
        // The name, and the score where the output has it; never the keys.
        List<Integer> read = join.outputType().size() == 4 ? List.of(1, 3) : List.of(1);
        List<Expression> expressions = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int column : read) {
          Column c = join.outputType().column(column);
          expressions.add(new ColumnReference(column, c.type()));
          columns.add(c);
        }
        ProjectNode project = new ProjectNode(join, expressions, new RowType(columns));
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : run(join, 2)) {
          expected.add(read.stream().map(row::get).toList());
        }
        String label = type + (withResidual ? " with a residual" : "");
        assertEquals(sorted(expected), run(project, 2), label);
        if (!expected.isEmpty()) {
          assertTrue(peakJoinBatchBytes(project, join) < peakJoinBatchBytes(join, join),
              label + ": the join gathered columns nothing reads");
        }
      }
    }
  }

  /** The largest batch {@code join} emitted while {@code plan} ran, in bytes. */
  private long peakJoinBatchBytes(ExecNode plan, HashJoinNode join) {
    try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
      QueryContext context = new QueryContext("statistics", allocator, 1, 1024);
      var statistics = context.enableStatistics();
      try (ResultStream stream = runner.execute(plan, context)) {
        dev.salvo.exec.testing.Results.rows(stream);
      }
      return statistics.get(join).peakBatchBytes();
    }
  }

  @Test
  void matchesOfManySmallProbeBatchesAreEmittedTogether() {
    // 640 probe rows in batches of 64, one row in ten matching (twice for k = 0 mod 20): each
    // probe batch has only a handful of matches, which the join emits in fewer, fuller batches.
    List<List<Object>> probe = new ArrayList<>();
    List<List<Object>> build = new ArrayList<>();
    for (long k = 0; k < 640; k++) {
      probe.add(row(k, "p" + k));
      if (k % 10 == 0) {
        build.add(row(k, k * 100));
      }
      if (k % 20 == 0) {
        build.add(row(k, -k));
      }
    }
    build.add(row(9999L, 1L)); // matches nothing: only a RIGHT join emits it
    for (JoinType type : List.of(JoinType.INNER, JoinType.RIGHT)) {
      List<List<Object>> expected = new ArrayList<>();
      for (List<Object> buildRow : build) {
        long k = (Long) buildRow.get(0);
        if (k < 640) {
          expected.add(row(k, "p" + k, k, buildRow.get(1)));
        } else if (type == JoinType.RIGHT) {
          expected.add(row(null, null, k, buildRow.get(1)));
        }
      }
      HashJoinNode plan = join(new ValuesNode(LEFT, probe), new ValuesNode(RIGHT, build), type,
          Optional.empty());
      assertEquals(sorted(expected), run(plan, 64), type.toString());
      try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
        QueryContext context = new QueryContext("statistics", allocator, 1, 64);
        var statistics = context.enableStatistics();
        try (ResultStream stream = runner.execute(plan, context)) {
          assertEquals(expected.size(), dev.salvo.exec.testing.Results.rows(stream).size());
        }
        // The unmatched build row comes in a batch of its own, at the end.
        long most = type == JoinType.RIGHT ? 6 : 5;
        assertTrue(statistics.get(plan).batches() <= most, type + ": "
            + statistics.get(plan).batches() + " batches for 10 probe batches");
      }
    }
  }
}
