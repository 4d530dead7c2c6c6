package dev.salvo.sql.planner;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Operations;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.sql.catalog.TypeConversion;
import dev.salvo.sql.lower.ExpressionLowering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Where in a query's text each operation that can fail on a row's values (a division, a cast)
 * is written, so that such an error, which the executor raises knowing only the operation,
 * can name its line and column. An error is placed only where its operation is written once
 * in the whole query, views included: a guess is worse than no position. An operation in a SQL
 * function's body is written, for this purpose, where the function is called.
 */
public final class ErrorSites {
  /** No sites: errors keep the position they have. */
  public static final ErrorSites NONE = new ErrorSites(Map.of());

  /** Per operation, each place it is written; null entries stand for text outside the query. */
  private final Map<String, List<SqlParserPos>> sites;

  private ErrorSites(Map<String, List<SqlParserPos>> sites) {
    this.sites = sites;
  }

  /**
   * {@code error} placed at the one call of the operation that raised it; {@code error} itself
   * when it has a position already, names no operation, or the operation is written in more
   * places than one (a node validation shares between two clauses is one place).
   */
  public SalvoException locate(SalvoException error) {
    if (error.hasPosition() || error.operation() == null) {
      return error;
    }
    List<SqlParserPos> found = sites.get(error.operation());
    if (found == null || found.contains(null) || found.stream().distinct().count() != 1) {
      return error;
    }
    return error.at(found.get(0).getLineNum(), found.get(0).getColumnNum());
  }

  /** Gathers the sites of one statement while it is validated and converted. */
  static final class Collector {
    private final Map<String, List<SqlParserPos>> sites = new HashMap<>();

    /** Adds the calls of the statement's own validated tree, at their positions. */
    void add(SqlValidator validator, SqlNode validated) {
      validated.accept(new SiteVisitor(validator, false));
    }

    /** Adds the calls of a tree written elsewhere (a view's query), without positions. */
    void addForeign(SqlValidator validator, SqlNode validated) {
      validated.accept(new SiteVisitor(validator, true));
    }

    ErrorSites build() {
      return sites.isEmpty() ? NONE : new ErrorSites(sites);
    }

    private void record(String operation, SqlParserPos position) {
      sites.computeIfAbsent(operation, key -> new ArrayList<>())
          .add(position == null || position.getLineNum() <= 0 ? null : position);
    }

    private final class SiteVisitor extends SqlBasicVisitor<Void> {
      private final SqlValidator validator;
      private final boolean foreignText;

      SiteVisitor(SqlValidator validator, boolean foreignText) {
        this.validator = validator;
        this.foreignText = foreignText;
      }

      @Override
      public Void visit(SqlCall call) {
        String operation = operation(call);
        if (operation != null) {
          record(operation, foreignText ? null : position(call));
        }
        return super.visit(call);
      }

      private String operation(SqlCall call) {
        if (call.getKind() == SqlKind.CAST) {
          RelDataType from = validator.getValidatedNodeTypeIfKnown(call.operand(0));
          RelDataType to = validator.getValidatedNodeTypeIfKnown(call);
          if (from == null || to == null) {
            return null;
          }
          try {
            return Operations.cast(TypeConversion.toDataType(from),
                TypeConversion.toDataType(to));
          } catch (SalvoException unsupported) {
            return null; // such a cast is refused when the plan is lowered, before any row
          }
        }
        ScalarFunction function = ExpressionLowering.scalarFunction(call.getOperator());
        return function == null ? null : Operations.of(function);
      }

      /** Where the call is written; an implicit cast stands where its operand is. */
      private SqlParserPos position(SqlCall call) {
        SqlParserPos position = call.getParserPosition();
        if (position.getLineNum() > 0 || call.getKind() != SqlKind.CAST) {
          return position;
        }
        return call.operand(0).getParserPosition();
      }
    }
  }
}
