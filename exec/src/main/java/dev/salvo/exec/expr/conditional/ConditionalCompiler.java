package dev.salvo.exec.expr.conditional;

import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.vector.ExpressionFacts;
import dev.salvo.exec.type.DataType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Compiles CASE, COALESCE and NULLIF; every result is converted to the call's type. */
public final class ConditionalCompiler {
  private ConditionalCompiler() {}

  public static VectorExpression compile(Call call) {
    return switch (call.function()) {
      case CASE -> caseWhen(call.arguments(), call.type());
      case COALESCE -> coalesce(call);
      case NULLIF -> nullIf(call);
      default -> throw new IllegalArgumentException(call.function().name());
    };
  }

  private static VectorExpression caseWhen(List<Expression> arguments, DataType type) {
    List<VectorExpression> conditions = new ArrayList<>();
    List<BitSet> conditionColumns = new ArrayList<>();
    List<VectorExpression> results = new ArrayList<>();
    List<BitSet> resultColumns = new ArrayList<>();
    for (int i = 0; i + 1 < arguments.size(); i += 2) {
      conditions.add(ExpressionCompiler.compile(arguments.get(i)));
      conditionColumns.add(ExpressionFacts.referencedColumns(arguments.get(i)));
      results.add(result(arguments.get(i + 1), type));
      resultColumns.add(ExpressionFacts.referencedColumns(arguments.get(i + 1)));
    }
    Expression otherwise = arguments.size() % 2 == 1 ? arguments.get(arguments.size() - 1)
        : new Literal(null, type);
    results.add(result(otherwise, type));
    resultColumns.add(ExpressionFacts.referencedColumns(otherwise));
    return new CaseExpression(conditions, results, conditionColumns, resultColumns, type);
  }

  private static VectorExpression coalesce(Call call) {
    List<VectorExpression> arguments = new ArrayList<>();
    List<BitSet> columns = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(result(argument, call.type()));
      columns.add(ExpressionFacts.referencedColumns(argument));
    }
    return new CoalesceExpression(arguments, columns, call.type());
  }

  /** NULLIF(a, b) is CASE WHEN a = b THEN NULL ELSE a END. */
  private static VectorExpression nullIf(Call call) {
    Expression value = call.arguments().get(0);
    Expression equal = Call.of(ScalarFunction.EQUAL, DataType.BOOLEAN, value,
        call.arguments().get(1));
    return caseWhen(List.of(equal, new Literal(null, call.type()), value), call.type());
  }

  private static VectorExpression result(Expression expression, DataType type) {
    return CastCompiler.coerce(ExpressionCompiler.compile(expression), type);
  }
}
