package dev.salvo.sql.rules;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

/** The rules that optimize a logical plan into Salvo's physical convention. */
public final class SalvoRules {
  private SalvoRules() {}

  public static final RelOptRule CONVERT_TABLE_SCAN = ConvertTableScanRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_FILTER = ConvertFilterRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_PROJECT = ConvertProjectRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_AGGREGATE = ConvertAggregateRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_SORT = ConvertSortRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_VALUES = ConvertValuesRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_REPARTITION = ConvertRepartitionRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_RECHUNK = ConvertRechunkRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PUSH_FILTER_INTO_SCAN = PushFilterIntoScanRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PUSH_PROJECT_INTO_SCAN = PushProjectIntoScanRule.DEFAULT_CONFIG.toRule();

  /**
   * Logical rewrites applied first, by a heuristic planner: fold constants, push filters down,
   * merge and drop projections.
   */
  public static final List<RelOptRule> LOGICAL_REWRITES = List.of(
      CoreRules.FILTER_REDUCE_EXPRESSIONS,
      CoreRules.PROJECT_REDUCE_EXPRESSIONS,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_AGGREGATE_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.AGGREGATE_PROJECT_MERGE,
      CoreRules.SORT_REMOVE_CONSTANT_KEYS);

  /** Conversion into the Salvo convention plus the scan pushdowns, chosen by cost. */
  public static final List<RelOptRule> PHYSICAL = List.of(
      CONVERT_TABLE_SCAN,
      CONVERT_FILTER,
      CONVERT_PROJECT,
      CONVERT_AGGREGATE,
      CONVERT_SORT,
      CONVERT_VALUES,
      CONVERT_REPARTITION,
      CONVERT_RECHUNK,
      PUSH_FILTER_INTO_SCAN,
      PUSH_PROJECT_INTO_SCAN);
}
