package dev.salvo.sql.planner;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.fragment.FragmentedPlan;
import dev.salvo.exec.fragment.PlanFragmenter;
import dev.salvo.exec.plan.ExecNode;
import dev.salvo.exec.plan.PlanPrinter;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.catalog.SalvoCatalog;
import dev.salvo.sql.function.FunctionOperatorTable;
import dev.salvo.sql.function.FunctionRegistry;
import dev.salvo.sql.function.SqlFunctionInliner;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.cost.SalvoMetadata;
import dev.salvo.sql.hint.HintPlacement;
import dev.salvo.sql.hint.SalvoHints;
import dev.salvo.sql.lower.ExecPlanLowering;
import dev.salvo.sql.lower.ExpressionLowering;
import dev.salvo.sql.parser.SalvoParser;
import dev.salvo.sql.rules.SalvoRules;
import dev.salvo.sql.rel.SalvoRel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.parser.SqlParserPos;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.TypeConversion;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlNameMatchers;
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

  /**
   * The standard operators plus the few other dialects' functions that common queries use:
   * {@code date('1994-01-01')} and {@code substr(s, start, length)}, as in Trino's TPC-H text.
   */
  private static final SqlOperatorTable OPERATORS = SqlOperatorTables.chain(
      SqlStdOperatorTable.instance(),
      SqlOperatorTables.of(SqlLibraryOperators.DATE, SqlLibraryOperators.SUBSTR_BIG_QUERY));

  /**
   * A planner resolving names in {@code catalog} and user-defined functions in
   * {@code functions} (null for none).
   */
  public QueryPlanner(SalvoCatalog catalog, FunctionRegistry functions,
      SqlConformance conformance, HintStrategyTable hintStrategies) {
    this.catalog = catalog;
    this.functions = functions;
    this.operatorTable = functions == null ? OPERATORS
        : SqlOperatorTables.chain(OPERATORS, new FunctionOperatorTable(functions, typeFactory));
    this.conformance = conformance;
    this.hintStrategies = hintStrategies;
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    this.connectionConfig = new CalciteConnectionConfigImpl(properties);
  }

  public QueryPlanner(SalvoCatalog catalog, SqlConformance conformance,
      HintStrategyTable hintStrategies) {
    this(catalog, null, conformance, hintStrategies);
  }

  public QueryPlanner(SalvoCatalog catalog) {
    this(catalog, (FunctionRegistry) null);
  }

  public QueryPlanner(SalvoCatalog catalog, FunctionRegistry functions) {
    this(catalog, functions, SalvoParser.CONFIG.conformance(), SalvoHints.STRATEGY_TABLE);
  }

  /**
   * Validates a query statement (not an EXPLAIN) without planning it, and reports the types of
   * its dynamic parameters ({@code ?}, in order) and of its result. The validator rewrites the
   * tree it validates: pass a statement that is not planned afterwards.
   *
   * @throws SalvoException VALIDATION_ERROR and friends, with line and column, when the
   *     statement is invalid or a parameter's type cannot be inferred from its context
   */
  public QuerySignature describe(SqlNode statement) {
    return describe(statement, defaultLookupPaths());
  }

  /** Like {@link #describe(SqlNode)}, resolving names without a schema in {@code defaults}. */
  public QuerySignature describe(SqlNode statement, DefaultSchema defaults) {
    return describe(statement, defaults.lookupPaths());
  }

  private QuerySignature describe(SqlNode statement, List<List<String>> lookupPaths) {
    CalciteCatalogReader catalogReader = catalogReader(lookupPaths);
    SqlValidator validator = validator(catalogReader);
    SqlNode validated = validate(validator, statement);
    return signature(validator, validated);
  }

  private static QuerySignature signature(SqlValidator validator, SqlNode validated) {
    return new QuerySignature(
        TypeConversion.toRowType(validator.getParameterRowType(validated)),
        TypeConversion.toRowType(validator.getValidatedNodeType(validated)));
  }

  /** Plans a query statement (not an EXPLAIN: see {@link #explicandum}). */
  public PlannedQuery plan(SqlNode statement) {
    return plan(statement, null, defaultLookupPaths());
  }

  /** Like {@link #plan(SqlNode)}, resolving names without a schema in {@code defaults}. */
  public PlannedQuery plan(SqlNode statement, DefaultSchema defaults) {
    return plan(statement, null, defaults.lookupPaths());
  }

  /**
   * Plans the rows an INSERT writes: the source query with the target's column list applied
   * (missing columns as NULL), checked against and cast to {@code targetRowType}, the stored
   * table's exact types; the result's columns carry the table's column names.
   *
   * @throws SalvoException VALIDATION_ERROR (column count, type or NOT NULL without a value,
   *     naming the column) with the position of the offending text
   */
  public PlannedQuery planInsert(SqlInsert insert, RowType targetRowType,
      DefaultSchema defaults) {
    return plan(insert, targetRowType, defaults.lookupPaths());
  }

  private PlannedQuery plan(SqlNode statement, RowType insertRowType,
      List<List<String>> lookupPaths) {
    CalciteCatalogReader catalogReader = catalogReader(lookupPaths);
    SqlValidator validator = validator(catalogReader);
    ErrorSites.Collector errorSites = new ErrorSites.Collector();
    SqlNode validated = validate(validator, statement);
    errorSites.add(validator, validated);
    QuerySignature signature;
    if (insertRowType != null) {
      checkInsertWidth((SqlInsert) validated, validator, insertRowType);
      signature = new QuerySignature(
          TypeConversion.toRowType(validator.getParameterRowType(validated)), insertRowType);
    } else {
      signature = signature(validator, validated);
    }

    VolcanoPlanner volcano = new VolcanoPlanner();
    volcano.addRelTraitDef(ConventionTraitDef.INSTANCE);
    volcano.setExecutor(rexExecutor);
    RexBuilder rexBuilder = new RexBuilder(typeFactory);
    RelOptCluster cluster = RelOptCluster.create(volcano, rexBuilder);
    SalvoMetadata.install(cluster);
    SqlToRelConverter converter = newConverter(validator, catalogReader, cluster, errorSites);
    RelRoot root = converter.convertQuery(validated, false, true);
    RelNode converted = root.rel;
    List<Map.Entry<Integer, String>> fields = root.fields;
    if (insertRowType != null) {
      converted = castToTarget(converted.getInput(0), insertRowType, rexBuilder);
      fields = new ArrayList<>();
      for (int i = 0; i < insertRowType.size(); i++) {
        fields.add(Map.entry(i, insertRowType.column(i).name()));
      }
    }
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
    RelNode logical = rewrite(converted, SalvoRules.EXISTS_TO_JOIN, volcano);
    logical = rewrite(logical, SalvoRules.SUBQUERY_REMOVAL, volcano);
    logical = RelDecorrelator.decorrelateQuery(logical, relBuilder);
    // Before trimming and the rewrites, which rebuild nodes and need not keep their hints, and
    // while the columns a REPARTITION names are still there.
    logical = HintPlacement.place(logical);
    // The rewrites then merge the projections the trim adds back into the scans.
    RelNode trimmed = converter.trimUnusedFields(true, logical);
    if (!trimmed.deepEquals(logical)) {
      logical = rewrite(trimmed, SalvoRules.LOGICAL_REWRITES, volcano);
    }
    logical = rewrite(logical, SalvoRules.LOGICAL_REWRITES, volcano);
    // What ORs in join conditions imply about one input is derived once the ORs sit in the
    // joins, then pushed down by a second pass of the rewrites.
    RelNode derived = rewrite(logical, List.of(SalvoRules.DERIVE_OR_PREDICATES), volcano);
    if (!derived.deepEquals(logical)) {
      logical = rewrite(derived, SalvoRules.LOGICAL_REWRITES, volcano);
    }
    // The rewrites move conditions out of joins into the scans below them (Q13's comment filter
    // leaves its outer join's condition), so columns only those conditions read are now unused
    // above the scans: trimming once more keeps joins from carrying them, and the rewrites then
    // merge the projections the trim adds back into the scans.
    RelNode retrimmed = converter.trimUnusedFields(true, logical);
    if (!retrimmed.deepEquals(logical)) {
      logical = rewrite(retrimmed, SalvoRules.LOGICAL_REWRITES, volcano);
    }
    logical = orderJoins(logical, volcano);
    // Once joins are ordered, an aggregate joined to a much smaller input on its group keys
    // aggregates only the rows that input can keep.
    logical = rewrite(logical, List.of(SalvoRules.SEMI_JOIN_BELOW_AGGREGATE), volcano);
    // Ordering leaves each block of joins under a projection that only puts the joined columns
    // back in their first order: merged into the projection above it, no batch is passed
    // through one more operator just to have its columns reordered.
    logical = rewrite(logical, SalvoRules.PROJECTION_CLEANUP, volcano);

    RelNode physical = optimize(volcano, logical);
    ExecPlanLowering lowering = new ExecPlanLowering(new ExpressionLowering(rexBuilder), rexBuilder);
    ExecNode execPlan = lowering.lowerQuery(physical, fields);
    return new PlannedQuery(logical, physical, execPlan, signature, errorSites.build());
  }

  /**
   * The row type a query would return, without optimizing it, resolving names without a
   * schema in {@code defaults}: what CREATE VIEW records.
   *
   * @throws SalvoException VALIDATION_ERROR with the position of the offending text
   */
  public RelDataType validatedRowType(SqlNode query, DefaultSchema defaults) {
    CalciteCatalogReader catalogReader = catalogReader(defaults.lookupPaths());
    SqlValidator validator = validator(catalogReader);
    SqlNode validated = validate(validator, query);
    return validator.getValidatedNodeType(validated);
  }

  /** The type a column declaration spells, as Calcite resolves it. */
  public RelDataType deriveType(SqlDataTypeSpec type, boolean nullable) {
    return type.deriveType(validator(catalogReader(defaultLookupPaths())), nullable);
  }

  /** The catalog's own default schema, then the top of the tree. */
  private List<List<String>> defaultLookupPaths() {
    List<String> path = catalog.defaultSchemaPath();
    return path.isEmpty() ? List.of(path) : List.of(path, List.of());
  }

  /**
   * A catalog reader looking names up in each of {@code lookupPaths} in turn. Calcite's public
   * constructor knows one default path and the top only; a default schema also needs its
   * catalog, where {@code schema.table} resolves.
   */
  private CalciteCatalogReader catalogReader(List<List<String>> lookupPaths) {
    return new CalciteCatalogReader(catalog.rootSchema(),
        SqlNameMatchers.withCaseSensitive(connectionConfig.caseSensitive()), lookupPaths,
        typeFactory, connectionConfig) {};
  }

  private SqlValidator validator(CalciteCatalogReader catalogReader) {
    // The catalog reader contributes the table functions its root schema holds (read_csv).
    return SqlValidatorUtil.newValidator(SqlOperatorTables.chain(operatorTable, catalogReader),
        catalogReader,
        typeFactory, SqlValidator.Config.DEFAULT
            .withConformance(conformance)
            .withIdentifierExpansion(true)
            .withTypeCoercionFactory(SalvoTypeCoercion::new)
            .withDefaultNullCollation(NullCollation.HIGH));
  }

  private SqlNode validate(SqlValidator validator, SqlNode statement) {
    ResultColumnNames.nameFunctionColumns(statement);
    // SQL-bodied functions become their bodies; a tree without them comes back unchanged.
    SqlNode inlined = functions == null ? statement
        : SqlFunctionInliner.inline(statement, functions);
    SqlNode validated;
    try {
      validated = validator.validate(inlined);
    } catch (CalciteContextException e) {
      throw PlanningErrors.fromValidation(e);
    }
    LiteralCasts.check(validator, validated);
    return validated;
  }

  private SqlToRelConverter newConverter(SqlValidator validator,
      CalciteCatalogReader catalogReader, RelOptCluster cluster,
      ErrorSites.Collector errorSites) {
    return new SqlToRelConverter(
        (rowType, queryString, schemaPath, viewPath) ->
            expandView(rowType, queryString, schemaPath, cluster, errorSites),
        validator, catalogReader, cluster, StandardConvertletTable.INSTANCE,
        SqlToRelConverter.config()
            .withTrimUnusedFields(true)
            .withExpand(false)
            .withHintStrategyTable(hintStrategies));
  }

  /**
   * Plans a view's stored query inside the query that uses it, resolving its names against the
   * schema it was created in; its columns take the names and types the view was created with.
   */
  private RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
      RelOptCluster cluster, ErrorSites.Collector errorSites) {
    SqlNode query = SalvoParser.parseStatement(queryString);
    CalciteCatalogReader catalogReader = new CalciteCatalogReader(catalog.rootSchema(),
        schemaPath, typeFactory, connectionConfig);
    SqlValidator validator = validator(catalogReader);
    SqlNode validated = validate(validator, query);
    // The view's operations are counted, unplaced: its text is not the query's.
    errorSites.addForeign(validator, validated);
    SqlToRelConverter converter = newConverter(validator, catalogReader, cluster, errorSites);
    RelRoot root = converter.convertQuery(validated, true, false);
    RelNode rel = root.project();
    if (rel.getRowType().getFieldCount() != rowType.getFieldCount()) {
      throw new SalvoException(ErrorCode.VALIDATION_ERROR, "A view's query now returns "
          + rel.getRowType().getFieldCount() + " columns where it had "
          + rowType.getFieldCount() + "; recreate the view");
    }
    RexBuilder rexBuilder = cluster.getRexBuilder();
    List<RexNode> casts = new ArrayList<>();
    for (int i = 0; i < rowType.getFieldCount(); i++) {
      RexNode field = rexBuilder.makeInputRef(rel, i);
      RelDataType target = rowType.getFieldList().get(i).getType();
      casts.add(field.getType().equals(target) ? field
          : rexBuilder.makeCast(typeFactory.createTypeWithNullability(target, true), field));
    }
    RelNode renamed = RelOptUtil.createProject(rel, casts, rowType.getFieldNames());
    return RelRoot.of(renamed, SqlKind.SELECT);
  }

  /**
   * Rejects an INSERT without a column list whose rows are narrower than the table: the lenient
   * conformance would fill the missing columns with NULL, which hides mistakes.
   */
  private static void checkInsertWidth(SqlInsert insert, SqlValidator validator,
      RowType target) {
    if (insert.getTargetColumnList() != null) {
      return;
    }
    int width = validator.getValidatedNodeType(insert.getSource()).getFieldCount();
    if (width != target.size()) {
      SqlParserPos pos = insert.getSource().getParserPosition();
      throw new SalvoException(ErrorCode.VALIDATION_ERROR, "The table has " + target.size()
          + " columns but the INSERT gives " + width + " values per row; name the columns"
          + " it sets after the table name", pos.getLineNum(), pos.getColumnNum(), null);
    }
  }

  /** Casts every column the INSERT writes to the table's column type (nullable: see writer). */
  private RelNode castToTarget(RelNode source, RowType target, RexBuilder rexBuilder) {
    List<RexNode> casts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < target.size(); i++) {
      RelDataType type = typeFactory.createTypeWithNullability(
          TypeConversion.toRelDataType(target.type(i), typeFactory), true);
      RexNode field = rexBuilder.makeInputRef(source, i);
      casts.add(field.getType().equals(type) ? field : rexBuilder.makeCast(type, field, true,
          false));
      names.add(target.column(i).name());
    }
    return RelOptUtil.createProject(source, casts, names);
  }

  /** The statement an EXPLAIN explains, or null when {@code statement} is not an EXPLAIN. */
  public static SqlNode explicandum(SqlNode statement) {
    return statement.getKind() == SqlKind.EXPLAIN ? ((SqlExplain) statement).getExplicandum()
        : null;
  }

  /**
   * The lines EXPLAIN answers: the logical plan, the physical plan, the executor plan, and for a
   * plan with exchanges the fragments a distributed runner would run.
   */
  public static List<String> explainLines(PlannedQuery query) {
    List<String> lines = new ArrayList<>();
    lines.add("== Logical plan ==");
    lines.addAll(RelOptUtil.toString(query.logicalPlan()).lines().toList());
    lines.add("== Physical plan ==");
    lines.addAll(RelOptUtil.toString(query.physicalPlan()).lines().toList());
    lines.add("== Executor plan ==");
    lines.addAll(PlanPrinter.print(query.execPlan()).lines().toList());
    FragmentedPlan fragments = PlanFragmenter.fragment(query.execPlan());
    if (fragments.fragments().size() > 1) {
      lines.add("== Fragments ==");
      lines.addAll(fragments.explainLines());
    }
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

  /** Gathers each block of joins into a multi-way join, then orders it by estimated cost. */
  private static RelNode orderJoins(RelNode rel, RelOptPlanner context) {
    HepProgramBuilder program = HepProgram.builder();
    program.addMatchOrder(HepMatchOrder.BOTTOM_UP);
    program.addRuleCollection(SalvoRules.JOIN_GATHERING);
    program.addRuleInstance(SalvoRules.ORDER_JOINS);
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
