package dev.salvo.exec.fragment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExchangeNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.plan.LimitNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.RechunkNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.runner.NativeQueryRunner;
import dev.salvo.exec.runner.RunnerTestSupport;
import dev.salvo.exec.testing.GeneratedTable;
import dev.salvo.exec.testing.Plans;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Cutting plans into fragments at their exchanges, and putting them back together. */
class PlanFragmenterTest {
  private final GeneratedTable table = new GeneratedTable(4, 50);
  private final TableScanNode scan = Plans.scanAll(table);

  private FilterNode bigIds(ExecNode input) {
    return new FilterNode(input, Call.of(ScalarFunction.GREATER_THAN, DataType.BOOLEAN,
        new ColumnReference(GeneratedTable.ID, DataType.BIGINT.withNullable(false)),
        new Literal(10L, DataType.BIGINT)));
  }

  private ProjectNode idAndName(ExecNode input) {
    return new ProjectNode(input, List.of(
        new ColumnReference(GeneratedTable.ID, DataType.BIGINT.withNullable(false)),
        new ColumnReference(GeneratedTable.NAME, DataType.VARCHAR)),
        RowType.of(new Column("id", DataType.BIGINT.withNullable(false)),
            new Column("name", DataType.VARCHAR)));
  }

  @Test
  void aPlanWithoutExchangesIsOneFragmentHoldingThePlanItself() {
    ExecNode plan = idAndName(bigIds(scan));
    FragmentedPlan fragmented = PlanFragmenter.fragment(plan);
    assertEquals(1, fragmented.fragments().size());
    assertSame(plan, fragmented.root().root());
    assertTrue(fragmented.root().isRoot());
    assertEquals(List.of(), fragmented.root().inputs());
    assertSame(plan, fragmented.assemble());
  }

  @Test
  void anExchangeCutsThePlanInTwo() {
    FilterNode below = bigIds(scan);
    ExecNode plan = idAndName(new RechunkNode(
        new ExchangeNode(below, 8, List.of(GeneratedTable.BUCKET)), 100));

    FragmentedPlan fragmented = PlanFragmenter.fragment(plan);

    assertEquals(2, fragmented.fragments().size());
    PlanFragment producer = fragmented.fragment(1);
    assertSame(below, producer.root(), "the exchange's input, untouched");
    assertEquals(Optional.of(new FragmentOutput(0, 8, List.of(GeneratedTable.BUCKET))),
        producer.output());
    assertEquals(List.of(), producer.inputs());
    PlanFragment consumer = fragmented.root();
    ExchangeInputNode input = new ExchangeInputNode(1, 8, List.of(GeneratedTable.BUCKET),
        below.outputType());
    assertEquals(idAndName(new RechunkNode(input, 100)), consumer.root());
    assertEquals(List.of(input), consumer.inputs());
    assertEquals(plan, fragmented.assemble());
    assertEquals(List.of(
        "Fragment 0: reads fragment 1 (8 partitions), writes the result",
        "  Project([$0, $1])",
        "    Rechunk(batch_rows=100)",
        "      ExchangeInput(fragment=1, partitions=8, distribution=hash[bucket])",
        "Fragment 1: reads tables, writes to fragment 0 (8 partitions, hash[bucket])",
        "  Filter(condition=GREATER_THAN($0, 10))",
        "    TableScan(table=generated, columns=[id, name, amount, day, flag, bucket])"),
        fragmented.explainLines());
  }

  @Test
  void nestedExchangesAndBothSidesOfAJoinBecomeFragmentsNumberedInPlanOrder() {
    ExchangeNode inner = new ExchangeNode(scan, 2, List.of());
    ExchangeNode probe = new ExchangeNode(bigIds(inner), 4, List.of(GeneratedTable.ID));
    ExchangeNode build = new ExchangeNode(scan, 3, List.of(GeneratedTable.ID));
    RowType joined = new RowType(java.util.stream.Stream.concat(
        scan.outputType().columns().stream(), scan.outputType().columns().stream()).toList());
    ExecNode plan = new LimitNode(new HashJoinNode(probe, build, JoinType.INNER,
        List.of(GeneratedTable.ID), List.of(GeneratedTable.ID), List.of(false),
        Optional.empty(), joined), 0, 10);

    FragmentedPlan fragmented = PlanFragmenter.fragment(plan);

    assertEquals(4, fragmented.fragments().size());
    assertEquals(List.of(1, 3), fragmented.root().inputs().stream()
        .map(ExchangeInputNode::sourceFragment).toList(), "probe side first, then build");
    assertEquals(List.of(2), fragmented.fragment(1).inputs().stream()
        .map(ExchangeInputNode::sourceFragment).toList());
    assertEquals(1, fragmented.fragment(2).output().orElseThrow().targetFragment());
    assertEquals(2, fragmented.fragment(2).output().orElseThrow().partitions());
    assertSame(scan, fragmented.fragment(2).root());
    assertEquals(0, fragmented.fragment(3).output().orElseThrow().targetFragment());
    assertEquals(3, fragmented.fragment(3).output().orElseThrow().partitions());
    assertEquals(plan, fragmented.assemble());
  }

  @Test
  void inconsistentFragmentsAreRefused() {
    ExchangeInputNode input = new ExchangeInputNode(1, 8, List.of(), scan.outputType());
    PlanFragment root = new PlanFragment(0, input, Optional.empty());
    assertThrows(IllegalArgumentException.class, () -> new FragmentedPlan(List.of(root)),
        "reads a fragment that does not exist");
    PlanFragment otherPartitions = new PlanFragment(1, scan,
        Optional.of(new FragmentOutput(0, 4, List.of())));
    IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
        () -> new FragmentedPlan(List.of(root, otherPartitions)));
    assertTrue(mismatch.getMessage().contains("Fragment 0 reads fragment 1"),
        mismatch.getMessage());
    PlanFragment unread = new PlanFragment(1, scan,
        Optional.of(new FragmentOutput(0, 8, List.of())));
    assertThrows(IllegalArgumentException.class, () -> new FragmentedPlan(List.of(
        new PlanFragment(0, scan, Optional.empty()), unread)), "nobody reads fragment 1");
    assertThrows(IllegalArgumentException.class, () -> new FragmentedPlan(List.of(unread)),
        "fragment 0 must produce the result");
  }

  @Test
  void withInputsChecksHowManyInputsANodeTakes() {
    FilterNode filter = bigIds(scan);
    assertThrows(IllegalArgumentException.class, () -> filter.withInputs(List.of()));
    assertThrows(IllegalArgumentException.class, () -> scan.withInputs(List.of(scan)));
    assertEquals(bigIds(filter), bigIds(scan).withInputs(List.of(filter)));
  }

  @Test
  void theNativeRunnerRunsWholePlansNotFragmentsThatReadExchanges() {
    ExecNode fragmentRoot = PlanFragmenter.fragment(
        idAndName(new ExchangeNode(scan, 2, List.of()))).root().root();
    try (BufferAllocator root = new RootAllocator();
        NativeQueryRunner runner = new NativeQueryRunner(2)) {
      SalvoException error = assertThrows(SalvoException.class,
          () -> RunnerTestSupport.run(runner, root, fragmentRoot, 2, 10));
      assertEquals(ErrorCode.NOT_SUPPORTED, error.code());
      assertTrue(error.getMessage().contains("ExchangeInput(fragment=1"), error.getMessage());
    }
  }
}
