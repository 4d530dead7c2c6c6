package dev.salvo.sql.function;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.parser.SalvoParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Replaces calls to SQL-bodied functions in a parse tree by their bodies, before validation:
 * {@code f(a + 1)} with {@code f(x INTEGER) RETURNS INTEGER RETURN x * 2} becomes
 * {@code CAST(CAST(a + 1 AS INTEGER) * 2 AS INTEGER)}, so the executor sees plain expressions
 * and EXPLAIN shows no call. Bodies may call other SQL-bodied functions, to a bounded depth.
 */
public final class SqlFunctionInliner extends SqlShuttle {
  private static final int MOST_NESTED_CALLS = 32;

  private final FunctionRegistry registry;
  private final int depth;

  private SqlFunctionInliner(FunctionRegistry registry, int depth) {
    this.registry = registry;
    this.depth = depth;
  }

  /** {@code statement} with every SQL-bodied function call inlined (the tree is changed). */
  public static SqlNode inline(SqlNode statement, FunctionRegistry registry) {
    SqlNode result = statement.accept(new SqlFunctionInliner(registry, 0));
    return result == null ? statement : result;
  }

  @Override
  public SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall visitedCall)
        || !(visitedCall.getOperator() instanceof SqlUnresolvedFunction function)) {
      return visited;
    }
    SqlBodiedFunction body = bodiedFunction(function);
    if (body == null) {
      return visited;
    }
    List<SqlNode> arguments = visitedCall.getOperandList();
    if (arguments.size() != body.parameterNames().size()) {
      throw new SalvoException(ErrorCode.VALIDATION_ERROR, "Function " + body.name() + " takes "
          + body.parameterNames().size() + " arguments, got " + arguments.size(),
          call.getParserPosition().getLineNum(), call.getParserPosition().getColumnNum(), null);
    }
    if (depth >= MOST_NESTED_CALLS) {
      throw new SalvoException(ErrorCode.VALIDATION_ERROR, "Function " + body.name()
          + " calls SQL functions nested more than " + MOST_NESTED_CALLS + " deep (recursion?)");
    }
    return expand(body, arguments, call.getParserPosition());
  }

  private SqlBodiedFunction bodiedFunction(SqlFunction function) {
    SqlIdentifier name = function.getSqlIdentifier();
    if (name == null) {
      return null;
    }
    return registry.lookup(String.join(".", name.names))
        .filter(SqlBodiedFunction.class::isInstance).map(SqlBodiedFunction.class::cast)
        .orElse(null);
  }

  /**
   * Builds the body with each parameter replaced by its cast argument, as SQL text parsed again,
   * so every inlined copy is a fresh tree that validation may change freely. The body's nodes
   * take the position of the call, {@code at}: their own positions are in the function's text,
   * and an error in the body is best shown at the call that ran it.
   */
  private SqlNode expand(SqlBodiedFunction function, List<SqlNode> arguments, SqlParserPos at) {
    Map<String, SqlNode> parameters = new HashMap<>();
    for (int i = 0; i < arguments.size(); i++) {
      SqlNode cast = parseExpression(
          "CAST(NULL AS " + function.parameterTypeNames().get(i) + ")", at);
      ((SqlCall) cast).setOperand(0, arguments.get(i));
      parameters.put(function.parameterNames().get(i).toLowerCase(Locale.ROOT), cast);
    }
    SqlNode body = parseExpression(function.body(), at);
    SqlNode substituted = body.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier identifier) {
        if (identifier.isSimple()) {
          SqlNode argument = parameters.get(identifier.getSimple().toLowerCase(Locale.ROOT));
          if (argument != null) {
            return argument;
          }
        }
        return identifier;
      }
    });
    SqlNode inlined = substituted.accept(new SqlFunctionInliner(registry, depth + 1));
    SqlNode result = parseExpression("CAST(NULL AS " + function.returnTypeName() + ")", at);
    ((SqlCall) result).setOperand(0, inlined);
    return result;
  }

  /**
   * Parses {@code text} as the one item of a select list, where a scalar subquery such as
   * {@code (SELECT r_name FROM region WHERE r_regionkey = k)} is an expression too, and places
   * it at {@code at}.
   */
  private static SqlNode parseExpression(String text, SqlParserPos at) {
    try {
      SqlNode query = SqlParser.create("SELECT " + text, SalvoParser.CONFIG).parseQuery();
      if (!(query instanceof SqlSelect select) || select.getSelectList().size() != 1
          || select.getFrom() != null || select.getWhere() != null) {
        throw new SalvoException(ErrorCode.INVALID_FUNCTION_DEFINITION,
            "A function body must be one expression, not '" + text + "'");
      }
      return positioned(select.getSelectList().get(0), at);
    } catch (SqlParseException e) {
      throw new SalvoException(ErrorCode.INVALID_FUNCTION_DEFINITION,
          "Could not parse function body '" + text + "': " + e.getMessage(), e);
    }
  }

  /** A copy of {@code node} and everything under it, all at {@code at}. */
  private static SqlNode positioned(SqlNode node, SqlParserPos at) {
    if (node instanceof SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      SqlNode[] copies = new SqlNode[operands.size()];
      for (int i = 0; i < copies.length; i++) {
        copies[i] = operands.get(i) == null ? null : positioned(operands.get(i), at);
      }
      return call.getOperator().createCall(call.getFunctionQuantifier(), at, copies);
    }
    if (node instanceof SqlNodeList list) {
      List<SqlNode> copies = new ArrayList<>(list.size());
      for (SqlNode item : list) {
        copies.add(item == null ? null : positioned(item, at));
      }
      return new SqlNodeList(copies, at);
    }
    return node.clone(at);
  }
}
