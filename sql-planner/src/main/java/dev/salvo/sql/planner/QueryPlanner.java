package dev.salvo.sql.planner;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.PlanPrinter;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.function.FunctionOperatorTable;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.SqlFunctionInliner;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.lower.ExecPlanLowering;
import dev.salvo.sql.lower.ExpressionLowering;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.rules.SalvoRules;
import dev.salvo.sql.rel.SalvoRel;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * Plans one query: validates the parsed statement against the catalog, converts it to relational
 * algebra, rewrites it logically, optimizes it into Salvo's convention and lowers it to an
 * executor plan. Thread-safe: each call builds its own planner state.
 */
public final class QueryPlanner implements AutoCloseable {
  private final SalvoCatalog catalog;
  private final RelDataTypeFactory typeFactory = new JavaTypeFactoryImpl(SalvoTypeSystem.INSTANCE);
  private final SqlConformance conformance;
  private final HintStrategyTable hintStrategies;
  private final CalciteConnectionConfig connectionConfig;
  private final SalvoRexExecutor rexExecutor = new SalvoRexExecutor();
  private final FunctionRegistry functions;
  private final SqlOperatorTable operatorTable;

  public QueryPlanner(SalvoCatalog catalog, FunctionRegistry functions,
      SqlConformance conformance, HintStrategyTable hintStrategies) {
    this.catalog = catalog;
    this.functions = functions;
    this.operatorTable = functions == null ? SqlStdOperatorTable.instance()
        : SqlOperatorTables.chain(SqlStdOperatorTable.instance(),
            new FunctionOperatorTable(functions, typeFactory));
    this.conformance = conformance;
    this.hintStrategies = hintStrategies;
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    this.connectionConfig = new CalciteConnectionConfigImpl(properties);
  }

  public QueryPlanner(SalvoCatalog catalog) {
    this(catalog, null);
  }

  /** A planner resolving user-defined functions in {@code functions} (null for none). */
  public QueryPlanner(SalvoCatalog catalog, FunctionRegistry functions) {
    this(catalog, functions, SalvoParser.CONFIG.conformance(), SalvoHints.STRATEGY_TABLE);
  }

  /** Plans a query statement (not an EXPLAIN: see {@link #explicandum}). */
  public PlannedQuery plan(SqlNode statement) {
    CalciteCatalogReader catalogReader = new CalciteCatalogReader(catalog.rootSchema(), List.of(),
        typeFactory, connectionConfig);
    ResultColumnNames.nameFunctionColumns(statement);
    if (functions != null) {
      statement = SqlFunctionInliner.inline(statement, functions);
    }
    SqlValidator validator = SqlValidatorUtil.newValidator(operatorTable,
        catalogReader, typeFactory, SqlValidator.Config.DEFAULT
            .withConformance(conformance)
            .withIdentifierExpansion(true)
            .withTypeCoercionFactory(SalvoTypeCoercion::new)
            .withDefaultNullCollation(NullCollation.HIGH));
    SqlNode validated;
    try {
      validated = validator.validate(statement);
    } catch (CalciteContextException e) {
      throw PlanningErrors.fromValidation(e);
    }

    VolcanoPlanner volcano = new VolcanoPlanner();
    volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
    volcano.setExecutor(rexExecutor);
    RexBuilder rexBuilder = new RexBuilder(typeFactory);
    RelOptCluster cluster = RelOptCluster.create(volcano, rexBuilder);
    SqlToRelConverter converter = new SqlToRelConverter(
        (rowType, queryString, schemaPath, viewPath) -> {
          throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Views are not supported yet");
        },
        validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config()
            .withTrimUnusedFields(true)
            .withExpand(false)
            .withHintStrategyTable(hintStrategies));
    RelRoot root = converter.convertQuery(validated, false, true);
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
    RelNode logical = RelDecorrelator.decorrelateQuery(root.rel, relBuilder);
    logical = converter.trimUnusedFields(true, logical);
    logical = rewrite(logical, SalvoRules.LOGICAL_REWRITES, volcano);

    RelNode physical = optimize(volcano, logical);
    ExecPlanLowering lowering = new ExecPlanLowering(new ExpressionLowering(rexBuilder), rexBuilder);
    ExecNode execPlan = lowering.lowerQuery(physical, root.fields);
    return new PlannedQuery(logical, physical, execPlan);
  }

  /** The statement an EXPLAIN explains, or null when {@code statement} is not an EXPLAIN. */
  public static SqlNode explicandum(SqlNode statement) {
    return statement.getKind() == SqlKind.EXPLAIN ? ((SqlExplain) statement).getExplicandum()
        : null;
  }

  /** The lines EXPLAIN answers: the logical plan, the physical plan, the executor plan. */
  public static List<String> explainLines(PlannedQuery query) {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("== Logical plan ==");
    lines.addAll(RelOptUtil.toString(query.logicalPlan()).lines().toList());
    lines.add("== Physical plan ==");
    lines.addAll(RelOptUtil.toString(query.physicalPlan()).lines().toList());
    lines.add("== Executor plan ==");
    lines.addAll(PlanPrinter.print(query.execPlan()).lines().toList());
    return lines;
  }

  private static RelNode rewrite(RelNode rel, List<RelOptRule> rules, RelOptPlanner context) {
    HepProgramBuilder program = HepProgram.builder();
    program.addRuleCollection(rules);
    HepPlanner hep = new HepPlanner(program.build());
    hep.setExecutor(context.getExecutor());
    hep.setRoot(rel);
    return hep.findBestExp();
  }

  private static RelNode optimize(VolcanoPlanner volcano, RelNode logical) {
    for (RelOptRule rule : SalvoRules.PHYSICAL) {
      volcano.addRule(rule);
    }
    RelNode target = volcano.changeTraits(logical,
        logical.getTraitSet().replace(SalvoRel.CONVENTION));
    volcano.setRoot(target);
    try {
      return volcano.findBestExp();
    } catch (RelOptPlanner.CannotPlanException e) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED,
          "This query uses an operation Salvo cannot execute yet", e);
    }
  }

  @Override
  public void close() {
    rexExecutor.close();
  }
}
