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
  public static final RelOptRule CONVERT_JOIN = ConvertJoinRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_UNION = ConvertUnionRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_VALUES = ConvertValuesRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_REPARTITION = ConvertRepartitionRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_WINDOW = ConvertWindowRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule NUMBER_DUPLICATES_FOR_SET_ALL =
      NumberDuplicatesForSetAllRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule CONVERT_RECHUNK = ConvertRechunkRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PULL_COMMON_FACTORS = PullCommonFactorsRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule SEMI_JOIN_BELOW_AGGREGATE =
      SemiJoinBelowAggregateRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule DERIVE_OR_PREDICATES =
      DeriveOrPredicatesRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PUSH_FILTER_INTO_SCAN = PushFilterIntoScanRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PUSH_PROJECT_INTO_SCAN = PushProjectIntoScanRule.DEFAULT_CONFIG.toRule();
  public static final RelOptRule PUSH_AGGREGATE_INPUT_INTO_SCAN =
      PushAggregateInputIntoScanRule.DEFAULT_CONFIG.toRule();

  public static final RelOptRule CORRELATED_EXISTS_TO_JOIN =
      CorrelatedExistsToJoinRule.DEFAULT_CONFIG.toRule();

  /**
   * Turns EXISTS and NOT EXISTS filters correlated by a plain condition straight into semi and
   * anti joins; runs before {@link #SUBQUERY_REMOVAL}, which handles every other subquery.
   */
  public static final List<RelOptRule> EXISTS_TO_JOIN = List.of(CORRELATED_EXISTS_TO_JOIN);

  /**
   * Turn IN, EXISTS and scalar subqueries into joins and correlates, before decorrelation.
   */
  public static final List<RelOptRule> SUBQUERY_REMOVAL = List.of(
      CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
      CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
      CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

  /**
   * Rewrites that gather joins into one multi-way join per block, which {@link #ORDER_JOINS}
   * then orders by estimated row counts.
   */
  public static final List<RelOptRule> JOIN_GATHERING = List.of(
      CoreRules.JOIN_TO_MULTI_JOIN,
      CoreRules.PROJECT_MULTI_JOIN_MERGE,
      CoreRules.FILTER_MULTI_JOIN_MERGE);

  /** Orders the joins of each multi-way join by cost (row count estimates). */
  public static final RelOptRule ORDER_JOINS = CoreRules.MULTI_JOIN_OPTIMIZE;

  /**
   * Logical rewrites applied first, by a heuristic planner: fold constants, pull the factors
   * OR branches share out of them, push filters down,
   * compute expressions in join equalities below the join (so {@code f(a.x) = b.y} is a hash
   * key), merge and drop projections; turn INTERSECT ALL / EXCEPT ALL into their DISTINCT forms over
   * numbered copies, and move window functions out of projections into windows.
   */
  public static final List<RelOptRule> LOGICAL_REWRITES = List.of(
      NUMBER_DUPLICATES_FOR_SET_ALL,
      CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW,
      CoreRules.FILTER_REDUCE_EXPRESSIONS,
      CoreRules.PROJECT_REDUCE_EXPRESSIONS,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_AGGREGATE_TRANSPOSE,
      PULL_COMMON_FACTORS,
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.JOIN_PUSH_EXPRESSIONS,
      CoreRules.UNION_TO_DISTINCT,
      CoreRules.INTERSECT_TO_SEMI_JOIN,
      CoreRules.MINUS_TO_ANTI_JOIN,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.AGGREGATE_PROJECT_MERGE,
      CoreRules.SORT_REMOVE_CONSTANT_KEYS);

  /** Merges projections and drops the ones that change nothing. */
  public static final List<RelOptRule> PROJECTION_CLEANUP = List.of(
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE);

  /** Conversion into the Salvo convention plus the scan pushdowns, chosen by cost. */
  public static final List<RelOptRule> PHYSICAL = List.of(
      CONVERT_TABLE_SCAN,
      CONVERT_FILTER,
      CONVERT_PROJECT,
      CONVERT_AGGREGATE,
      CONVERT_SORT,
      CONVERT_VALUES,
      CONVERT_JOIN,
      CONVERT_UNION,
      CONVERT_REPARTITION,
      CONVERT_RECHUNK,
      CONVERT_WINDOW,
      PUSH_FILTER_INTO_SCAN,
      PUSH_PROJECT_INTO_SCAN,
      PUSH_AGGREGATE_INPUT_INTO_SCAN);
}
