package dev.salvo.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.tpch.TpchQueries;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.fragment.FragmentedPlan;
import dev.salvo.exec.fragment.PlanCodec;
import dev.salvo.exec.fragment.PlanKinds;
import dev.salvo.exec.fragment.PlanFragment;
import dev.salvo.exec.fragment.PlanFragmenter;
import dev.salvo.exec.plan.AggregateNode;
import dev.salvo.exec.plan.ExchangeInputNode;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.ExtensionNode;
import dev.salvo.exec.plan.FilterNode;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.ProjectNode;
import dev.salvo.exec.plan.TableScanNode;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.udf.runtime.UdfJars;
import dev.salvo.udf.runtime.UdfRuntime;
import dev.salvo.udf.runtime.UdfRuntimeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam for distribution on real plans: the planner's plans cut into fragments at their
 * exchanges, and every plan and fragment shipped as JSON and resolved back against an engine's
 * catalog and functions.
 */
class PlanFragmentsTest {
  private static final Pattern FIRST_SELECT = Pattern.compile("(?i)\\bselect\\b");

  @TempDir
  static Path workDirectory;
  static String jar;

  private SalvoEngine engine;
  private PlanCodec codec;

  @BeforeAll
  static void buildJar() throws Exception {
    jar = UdfJars.build(workDirectory, Map.of("acme.Twice", """
        package acme;
        public class Twice {
          public static Long call(Long x) { return x == null ? null : 2 * x; }
          public static Long thrice(Long x) { return x == null ? null : 3 * x; }
        }
        """)).toString();
  }

  @BeforeEach
  void startEngine() {
    engine = new SalvoEngine(EngineConfig.defaults().withParallelism(2)
        .withTpchSchemas(Map.of("tiny", 0.01)), new UdfRuntime(UdfRuntimeSettings.DEFAULTS));
    codec = new PlanCodec(engine.planResolver());
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private ExecNode plan(String sql) {
    return engine.plan(sql).execPlan();
  }

  private void run(String sql) {
    try (ResultStream stream = engine.execute(sql)) {
      for (Batch batch = stream.next(); batch != null; batch = stream.next()) {
        batch.close();
      }
    }
  }

  /** Writes and reads back the plan and each of its fragments, checking they stay equal. */
  private FragmentedPlan shipAndCheck(ExecNode plan) {
    String json = PlanCodec.write(plan);
    assertEquals(plan, codec.readPlan(json), json);
    FragmentedPlan fragmented = PlanFragmenter.fragment(plan);
    List<PlanFragment> received = new ArrayList<>();
    for (PlanFragment fragment : fragmented.fragments()) {
      PlanFragment read = codec.readFragment(PlanCodec.write(fragment));
      assertEquals(fragment, read);
      received.add(read);
    }
    assertEquals(plan, new FragmentedPlan(received).assemble());
    return fragmented;
  }

  /** TPC-H query {@code number} with {@code hint} on its first SELECT. */
  private static String tpch(int number, String hint) {
    String sql = TpchQueries.sql(number, "tpch.tiny.");
    return hint.isEmpty() ? sql : FIRST_SELECT.matcher(sql).replaceFirst("SELECT /*+ "
        + hint + " */");
  }

  @Test
  void everyTpchPlanShipsWithOrWithoutARepartitionAndEveryNodeKindIsCovered() {
    run("CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Twice'"
        + " USING JAR '" + jar + "'");
    List<ExecNode> corpus = new ArrayList<>();
    for (int number : TpchQueries.NUMBERS) {
      corpus.add(plan(tpch(number, "")));
      ExecNode hinted = plan(tpch(number, "REPARTITION(4), INTO_BATCHES(500)"));
      FragmentedPlan fragments = shipAndCheck(hinted);
      assertTrue(fragments.fragments().size() >= 2, "Q" + number + " has an exchange");
      corpus.add(hinted);
    }
    // What TPC-H does not use: windows, UNION ALL, VALUES, a LIMIT without ORDER BY, UDFs.
    corpus.add(plan("SELECT n_name, rank() OVER (PARTITION BY n_regionkey ORDER BY n_name),"
        + " sum(n_nationkey) OVER (ORDER BY n_nationkey ROWS BETWEEN 2 PRECEDING AND CURRENT"
        + " ROW) FROM tpch.tiny.nation"));
    corpus.add(plan("SELECT r_name FROM tpch.tiny.region UNION ALL SELECT * FROM"
        + " (VALUES ('x'), (CAST(NULL AS VARCHAR)))"));
    corpus.add(plan("SELECT twice(n_nationkey), n_name FROM tpch.tiny.nation LIMIT 3"));

    Set<Class<?>> nodeKinds = new HashSet<>();
    Set<Class<?>> expressionKinds = new HashSet<>();
    for (ExecNode plan : corpus) {
      FragmentedPlan fragments = shipAndCheck(plan);
      for (PlanFragment fragment : fragments.fragments()) {
        PlanKinds.collect(fragment.root(), nodeKinds, expressionKinds);
      }
      PlanKinds.collect(plan, nodeKinds, expressionKinds);
    }
    Set<Class<?>> expectedNodes = new HashSet<>(List.of(ExecNode.class.getPermittedSubclasses()));
    expectedNodes.remove(ExtensionNode.class);
    assertEquals(expectedNodes, nodeKinds, "the corpus has every kind of node a plan ships");
    assertEquals(Set.of(Expression.class.getPermittedSubclasses()), expressionKinds);
  }

  @Test
  void aRepartitionedAggregationIsTwoFragmentsWithTheAggregateAboveTheExchange() {
    FragmentedPlan fragments = shipAndCheck(plan("SELECT /*+ REPARTITION(8, l_returnflag,"
        + " l_linestatus) */ l_returnflag, l_linestatus, sum(l_quantity), count(*)"
        + " FROM tpch.tiny.lineitem WHERE l_shipdate <= DATE '1998-09-02'"
        + " GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus"));

    assertEquals(2, fragments.fragments().size());
    PlanFragment root = fragments.root();
    assertEquals(1, root.inputs().size());
    ExchangeInputNode input = root.inputs().get(0);
    assertEquals(1, input.sourceFragment());
    assertEquals(8, input.partitions());
    assertTrue(input.describe().endsWith("distribution=hash[l_returnflag, l_linestatus])"),
        input.describe());
    assertTrue(contains(root.root(), AggregateNode.class), "the aggregation runs partitioned");

    PlanFragment scan = fragments.fragment(1);
    assertEquals(List.of(), scan.inputs());
    assertEquals(0, scan.output().orElseThrow().targetFragment());
    assertEquals(8, scan.output().orElseThrow().partitions());
    assertTrue(contains(scan.root(), TableScanNode.class));
    assertTrue(!contains(scan.root(), AggregateNode.class));
  }

  @Test
  void aJoinOfTwoRepartitionedSubqueriesIsThreeFragments() {
    FragmentedPlan fragments = shipAndCheck(plan("SELECT o.o_orderkey, l.l_quantity FROM"
        + " (SELECT /*+ REPARTITION(4, o_orderkey) */ o_orderkey FROM tpch.tiny.orders) o"
        + " JOIN (SELECT /*+ REPARTITION(6, l_orderkey) */ l_orderkey, l_quantity"
        + " FROM tpch.tiny.lineitem) l ON o.o_orderkey = l.l_orderkey"));

    assertEquals(3, fragments.fragments().size());
    assertEquals(Set.of(4, 6), Set.copyOf(fragments.root().inputs().stream()
        .map(ExchangeInputNode::partitions).toList()));
    for (PlanFragment leaf : fragments.fragments().subList(1, 3)) {
      assertEquals(List.of(), leaf.inputs());
      assertEquals(0, leaf.output().orElseThrow().targetFragment());
    }
  }

  @Test
  void explainShowsTheFragmentsOfAPlanWithExchanges() {
    List<String> lines = explain("EXPLAIN SELECT /*+ REPARTITION(8, n_regionkey) */"
        + " n_name, n_regionkey FROM tpch.tiny.nation");
    int header = lines.indexOf("== Fragments ==");
    assertTrue(header > 0, lines.toString());
    assertEquals("Fragment 0: reads fragment 1 (8 partitions), writes the result",
        lines.get(header + 1));
    assertTrue(lines.contains(
        "Fragment 1: reads tables, writes to fragment 0 (8 partitions, hash[n_regionkey])"),
        lines.toString());
    assertTrue(lines.stream().anyMatch(line -> line.trim().startsWith(
        "ExchangeInput(fragment=1, partitions=8, distribution=hash[n_regionkey])")),
        lines.toString());

    assertTrue(!explain("EXPLAIN SELECT n_name FROM tpch.tiny.nation")
        .contains("== Fragments =="), "one fragment is not worth a section");
  }

  private List<String> explain(String sql) {
    List<String> lines = new ArrayList<>();
    try (ResultStream stream = engine.execute(sql)) {
      for (Batch next = stream.next(); next != null; next = stream.next()) {
        try (Batch batch = next) {
          VarCharVector column = (VarCharVector) batch.column(0);
          for (int row = 0; row < batch.rowCount(); row++) {
            lines.add(column.getObject(row).toString());
          }
        }
      }
    }
    return lines;
  }

  @Test
  void aFunctionReplacedAfterPlanningIsNotResolvedAsTheOldOne() {
    run("CREATE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA AS 'acme.Twice'"
        + " USING JAR '" + jar + "'");
    String json = PlanCodec.write(plan("SELECT twice(n_nationkey) FROM tpch.tiny.nation"));
    assertTrue(json.contains("\"function\":{\"name\":\"twice\""), json);
    codec.readPlan(json);

    run("CREATE OR REPLACE FUNCTION twice(x BIGINT) RETURNS BIGINT LANGUAGE JAVA"
        + " AS 'acme.Twice#thrice' USING JAR '" + jar + "'");
    SalvoException replaced = assertThrows(SalvoException.class, () -> codec.readPlan(json));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND, replaced.code());
    assertTrue(replaced.getMessage().contains("twice was replaced"), replaced.getMessage());

    run("DROP FUNCTION twice");
    SalvoException dropped = assertThrows(SalvoException.class, () -> codec.readPlan(json));
    assertEquals(ErrorCode.FUNCTION_NOT_FOUND, dropped.code());
    assertTrue(dropped.getMessage().contains("twice of the plan does not exist here"),
        dropped.getMessage());
  }

  @Test
  void aStoredTableResolvesToTheVersionThePlanReads() {
    run("CREATE TABLE shipped (id BIGINT, label VARCHAR)");
    run("INSERT INTO shipped VALUES (1, 'one'), (2, 'two')");
    ExecNode plan = plan("SELECT label FROM shipped WHERE id > 1");
    String json = PlanCodec.write(plan);
    assertEquals(plan, codec.readPlan(json), "the same files, so an equal table source");

    run("INSERT INTO shipped VALUES (3, 'three')");
    SalvoException changed = assertThrows(SalvoException.class, () -> codec.readPlan(json));
    assertEquals(ErrorCode.TRANSACTION_CONFLICT, changed.code());
    assertTrue(changed.getMessage().contains("main.shipped holds other data"),
        changed.getMessage());

    run("DROP TABLE shipped");
    assertEquals(ErrorCode.TABLE_NOT_FOUND,
        assertThrows(SalvoException.class, () -> codec.readPlan(json)).code());
  }

  private static boolean contains(ExecNode node, Class<? extends ExecNode> kind) {
    return kind.isInstance(node) || node.inputs().stream().anyMatch(input -> contains(input,
        kind));
  }
}
