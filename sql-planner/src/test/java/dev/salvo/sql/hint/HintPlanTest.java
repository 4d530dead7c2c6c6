package dev.salvo.sql.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.sql.parser.SalvoParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/**
 * Hints survive validation and conversion to relational algebra and land on the nodes the planner
 * will look at: query hints on the query block's projection or aggregate, table hints on the scan.
 */
class HintPlanTest {

  @Test
  void queryHintReachesTheProjection() {
    RelNode plan = plan("SELECT /*+ REPARTITION(16, user_id) */ user_id, amount FROM orders");
    LogicalProject project = assertInstanceOf(LogicalProject.class, plan);
    assertEquals(List.of(own("REPARTITION", "16", "user_id")), project.getHints());
    assertEquals(Optional.of(new RepartitionHint(16, List.of("user_id"))),
        RepartitionHint.from(project.getHints()));
    assertEquals(List.of(), only(plan, TableScan.class).getHints());
  }

  @Test
  void queryHintReachesTheAggregate() {
    RelNode plan = plan("SELECT /*+ REPARTITION(4), INTO_BATCHES(512) */ user_id, sum(amount)"
        + " FROM orders GROUP BY user_id");
    LogicalAggregate aggregate = only(plan, LogicalAggregate.class);
    assertEquals(Optional.of(new RepartitionHint(4, List.of())),
        RepartitionHint.from(aggregate.getHints()));
    assertEquals(Optional.of(new IntoBatchesHint(512)),
        IntoBatchesHint.from(aggregate.getHints()));
    assertEquals(List.of(), only(plan, TableScan.class).getHints());
  }

  @Test
  void tableHintReachesOnlyItsScan() {
    RelNode plan = plan("SELECT o.user_id, u.name FROM orders AS o"
        + " JOIN users /*+ INTO_BATCHES(1000) */ AS u ON o.user_id = u.id");
    List<TableScan> scans = all(plan, TableScan.class);
    assertEquals(2, scans.size());
    TableScan orders = scans.get(0);
    TableScan users = scans.get(1);
    assertEquals(List.of("S", "ORDERS"), orders.getTable().getQualifiedName());
    assertEquals(List.of(), orders.getHints());
    assertEquals(List.of(own("INTO_BATCHES", "1000")), users.getHints());
    assertEquals(Optional.of(new IntoBatchesHint(1000)), IntoBatchesHint.from(users.getHints()));
    assertEquals(List.of(), only(plan, LogicalJoin.class).getHints());
    assertEquals(List.of(), only(plan, LogicalProject.class).getHints());
  }

  @Test
  void queryIntoBatchesStaysOffTheScans() {
    RelNode plan = plan("SELECT /*+ INTO_BATCHES(500) */ user_id FROM orders WHERE amount > 3");
    assertEquals(Optional.of(new IntoBatchesHint(500)),
        IntoBatchesHint.from(((Hintable) plan).getHints()));
    assertEquals(List.of(), only(plan, TableScan.class).getHints());
  }

  @Test
  void queryHintUnderOrderByIsInheritedByTheProjection() {
    RelNode plan = plan("SELECT /*+ repartition(8, \"user_id\", 'amount') */ user_id, amount"
        + " FROM orders ORDER BY amount LIMIT 3");
    LogicalSort sort = assertInstanceOf(LogicalSort.class, plan);
    assertEquals(1, sort.getHints().size());
    LogicalProject project = only(plan, LogicalProject.class);
    assertEquals(1, project.getHints().size());
    RelHint inherited = project.getHints().get(0);
    assertEquals(List.of(0), inherited.inheritPath);
    assertEquals(Optional.of(new RepartitionHint(8, List.of("user_id", "amount"))),
        RepartitionHint.from(project.getHints()));
  }

  @Test
  void unknownHintsAreDroppedWithoutFailingTheQuery() {
    String sql = "SELECT /*+ BROADCAST(users), REPARTITION(2, id) */ id FROM users";
    assertEquals(List.of("BROADCAST"), SalvoHints.unknownHints(SalvoParser.parseStatement(sql)));
    LogicalProject project = assertInstanceOf(LogicalProject.class, plan(sql));
    assertEquals(List.of(own("REPARTITION", "2", "id")), project.getHints());
  }

  @Test
  void subQueryKeepsItsOwnHints() {
    RelNode plan = plan("SELECT /*+ INTO_BATCHES(10) */ user_id FROM"
        + " (SELECT /*+ REPARTITION(3, user_id) */ user_id, amount FROM orders) AS o"
        + " WHERE amount > 1");
    List<LogicalProject> projects = all(plan, LogicalProject.class);
    assertEquals(2, projects.size());
    LogicalProject outer = projects.get(0);
    LogicalProject inner = projects.get(1);
    assertEquals(List.of(own("INTO_BATCHES", "10")), outer.getHints());
    assertTrue(RepartitionHint.from(outer.getHints()).isEmpty());
    assertEquals(Optional.of(new RepartitionHint(3, List.of("user_id"))),
        RepartitionHint.from(inner.getHints()));
    assertTrue(inner.getHints().get(0).inheritPath.isEmpty(), "the inner hint is its own");
  }

  /** Parses with Salvo's configuration, validates hints, then validates and converts the query. */
  private static RelNode plan(String sql) {
    SalvoHints.validateHints(SalvoParser.parseStatement(sql));
    SchemaPlus root = Frameworks.createRootSchema(false);
    SchemaPlus schema = root.add("S", new FixtureSchema());
    FrameworkConfig config = Frameworks.newConfigBuilder()
        .parserConfig(SalvoParser.CONFIG)
        .defaultSchema(schema)
        .sqlToRelConverterConfig(
            SqlToRelConverter.config().withHintStrategyTable(SalvoHints.STRATEGY_TABLE))
        .build();
    try (Planner planner = Frameworks.getPlanner(config)) {
      // The planner parses with SalvoParser.CONFIG, hence Salvo's generated parser.
      SqlNode parsed = planner.parse(sql);
      return planner.rel(planner.validate(parsed)).project();
    } catch (Exception e) {
      throw new AssertionError("could not plan " + sql, e);
    }
  }

  private static RelHint own(String name, String... options) {
    return RelHint.builder(name).hintOptions(List.of(options)).build();
  }

  private static <T extends RelNode> T only(RelNode plan, Class<T> type) {
    List<T> found = all(plan, type);
    assertEquals(1, found.size(), () -> "expected one " + type.getSimpleName() + " in " + plan);
    return found.get(0);
  }

  /** Nodes of a type in depth-first, left-to-right order. */
  private static <T extends RelNode> List<T> all(RelNode plan, Class<T> type) {
    List<T> found = new ArrayList<>();
    collect(plan, type, found);
    return found;
  }

  private static <T extends RelNode> void collect(RelNode node, Class<T> type, List<T> found) {
    if (type.isInstance(node)) {
      found.add(type.cast(node));
    }
    node.getInputs().forEach(input -> collect(input, type, found));
  }

  /** Two small tables, ORDERS and USERS, with upper-case names matched case-insensitively. */
  private static final class FixtureSchema extends AbstractSchema {
    @Override protected Map<String, Table> getTableMap() {
      return Map.of(
          "ORDERS", new FixtureTable(List.of("ID", "USER_ID", "AMOUNT"),
              List.of(SqlTypeName.INTEGER, SqlTypeName.INTEGER, SqlTypeName.DOUBLE)),
          "USERS", new FixtureTable(List.of("ID", "NAME"),
              List.of(SqlTypeName.INTEGER, SqlTypeName.VARCHAR)));
    }
  }

  private static final class FixtureTable extends AbstractTable {
    private final List<String> names;
    private final List<SqlTypeName> types;

    FixtureTable(List<String> names, List<SqlTypeName> types) {
      this.names = names;
      this.types = types;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (int i = 0; i < names.size(); i++) {
        builder.add(names.get(i), typeFactory.createSqlType(types.get(i)));
      }
      return builder.build();
    }
  }
}
