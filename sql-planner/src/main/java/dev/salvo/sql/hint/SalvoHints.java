package dev.salvo.sql.hint;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.hint.HintComments.HintComment;
import dev.salvo.sql.hint.HintOptionRules.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.HintOptionChecker;
import org.apache.calcite.rel.hint.HintPredicate;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategy;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Salvo's SQL hints, spelled as in Spark: {@code REPARTITION(n[, column, ...])} and
 * {@code INTO_BATCHES(n)}; their argument checks on the parse tree, and the
 * {@link HintStrategyTable} that carries them into the relational plan.
 *
 * <p>Use: parse, then {@link #validateHints(SqlNode)} (bad arguments fail with positions), then
 * report {@link #unknownHints(SqlNode)} as warnings, then convert to relational algebra with
 * {@link #STRATEGY_TABLE} in the {@code SqlToRelConverter} configuration. Read the hints off the
 * plan with {@link RepartitionHint#from} and {@link IntoBatchesHint#from}.
 *
 * <p>Where the hints land in the plan: a query hint is attached to the first hintable node of its
 * query block (the projection or aggregate, or the sort for a query with {@code ORDER BY} or
 * {@code LIMIT}) with an empty {@code inheritPath}, and is copied down to the projections and
 * aggregates below it with a non-empty {@code inheritPath}. A table hint (only
 * {@code INTO_BATCHES}) is attached to that table's scan, and only there. Hint names match
 * case-insensitively.
 */
public final class SalvoHints {

  /** {@code REPARTITION(n[, column, ...])}: a query hint, n partitions hashed on the columns. */
  public static final String REPARTITION = "REPARTITION";

  /** {@code INTO_BATCHES(n)}: a query or table hint, batches of at most n rows. */
  public static final String INTO_BATCHES = "INTO_BATCHES";

  /** A hint written after a table name reaches that table's scan and nothing else. */
  private static final HintPredicate WRITTEN_ON_TABLE =
      (hint, rel) -> rel instanceof TableScan && hint.inheritPath.isEmpty();

  /**
   * Which plan nodes each Salvo hint applies to. Hints that are not Salvo's, or whose arguments
   * are wrong, are dropped from the plan with a logged warning rather than failing the query;
   * {@link #validateHints(SqlNode)} is where wrong arguments fail.
   */
  public static final HintStrategyTable STRATEGY_TABLE = HintStrategyTable.builder()
      .hintStrategy(REPARTITION,
          HintStrategy.builder(HintPredicates.or(HintPredicates.PROJECT, HintPredicates.AGGREGATE))
              .optionChecker(optionChecker(REPARTITION))
              .build())
      .hintStrategy(INTO_BATCHES,
          HintStrategy.builder(HintPredicates.or(HintPredicates.PROJECT, HintPredicates.AGGREGATE,
                  WRITTEN_ON_TABLE))
              .optionChecker(optionChecker(INTO_BATCHES))
              .build())
      .build();

  private SalvoHints() {}

  /**
   * Checks the arguments and placement of every Salvo hint in a parsed statement, sub-queries
   * included; hints Salvo does not know are left alone.
   *
   * @throws SalvoException {@link ErrorCode#INVALID_HINT} at the line and column of the offending
   *     argument, or of the hint's name when the hint as a whole is wrong
   */
  public static void validateHints(SqlNode statement) {
    for (HintComment comment : HintComments.find(statement)) {
      Set<String> seen = new HashSet<>();
      for (SqlHint hint : comment.hints()) {
        Optional<String> name = HintOptionRules.canonicalName(hint.getName());
        if (name.isPresent()) {
          validateHint(hint, name.get(), comment.afterTableName(), seen);
        }
      }
    }
  }

  /**
   * The names, as written, of the hints in a parsed statement that Salvo does not know, in text
   * order: they have no effect, and the caller should tell the user so as a warning.
   */
  public static List<String> unknownHints(SqlNode statement) {
    List<String> unknown = new ArrayList<>();
    for (HintComment comment : HintComments.find(statement)) {
      for (SqlHint hint : comment.hints()) {
        if (HintOptionRules.canonicalName(hint.getName()).isEmpty()) {
          unknown.add(hint.getName());
        }
      }
    }
    return List.copyOf(unknown);
  }

  private static void validateHint(SqlHint hint, String name, boolean afterTableName,
      Set<String> seen) {
    SqlNode nameNode = hint.getOperandList().get(0);
    if (!seen.add(name)) {
      throw invalid("Hint " + name + " is given twice in one hint comment",
          nameNode.getParserPosition());
    }
    if (afterTableName && name.equals(REPARTITION)) {
      throw invalid("Hint REPARTITION is a query hint: write it right after SELECT,"
          + " not after a table name", nameNode.getParserPosition());
    }
    if (hint.getOptionFormat() == SqlHint.HintOptionFormat.KV_LIST) {
      throw invalid(HintOptionRules.keyValueOptions(name).message(),
          nameNode.getParserPosition());
    }
    SqlNodeList optionNodes = (SqlNodeList) hint.getOperandList().get(1);
    Optional<Problem> problem = literalKindProblem(name, optionNodes)
        .or(() -> HintOptionRules.check(name, hint.getOptionList()));
    problem.ifPresent(found -> {
      SqlNode at = found.optionIndex() < 0 ? nameNode : optionNodes.get(found.optionIndex());
      throw invalid(found.message(), at.getParserPosition());
    });
  }

  /**
   * Catches what the text form of the options hides: a count written as a string ('16') and a
   * number where a column name belongs.
   */
  private static Optional<Problem> literalKindProblem(String name, SqlNodeList options) {
    if (options.isEmpty()) {
      return Optional.empty();
    }
    SqlNode count = options.get(0);
    if (!(count instanceof SqlNumericLiteral)
        || HintOptionRules.positiveInteger(literalText(count)) < 0) {
      String what = name.equals(REPARTITION) ? "the partition count" : "the rows per batch";
      return Optional.of(new Problem(0,
          HintOptionRules.notAPositiveInteger(name, what, count.toString())));
    }
    if (name.equals(REPARTITION)) {
      for (int i = 1; i < options.size(); i++) {
        if (options.get(i) instanceof SqlNumericLiteral) {
          return Optional.of(new Problem(i, "Hint REPARTITION: expected a column name after the"
              + " partition count, got " + options.get(i)));
        }
      }
    }
    return Optional.empty();
  }

  private static String literalText(SqlNode node) {
    return node instanceof SqlLiteral literal ? literal.toValue() : node.toString();
  }

  private static SalvoException invalid(String message, SqlParserPos pos) {
    return new SalvoException(ErrorCode.INVALID_HINT, message, pos.getLineNum(),
        pos.getColumnNum(), null);
  }

  private static HintOptionChecker optionChecker(String name) {
    return (hint, errorHandler) -> {
      Optional<Problem> problem = hint.kvOptions.isEmpty()
          ? HintOptionRules.check(name, hint.listOptions)
          : Optional.of(HintOptionRules.keyValueOptions(name));
      return problem.map(found -> errorHandler.fail(found.message())).orElse(true);
    };
  }
}
