package dev.salvo.exec.expr.string;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.cast.CastCompiler;
import dev.salvo.exec.expr.vector.RowWiseExpression;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles LIKE, SUBSTRING, UPPER, LOWER, TRIM_*, CHAR_LENGTH, CONCAT, POSITION and REPLACE.
 * Arguments that are not text are converted to VARCHAR first (and positions to BIGINT).
 */
public final class StringCompiler {
  private StringCompiler() {}

  public static VectorExpression compile(Call call) {
    ScalarFunction function = call.function();
    DataType type = call.type();
    List<Expression> arguments = call.arguments();
    return switch (function) {
      case LIKE -> new LikeExpression(text(arguments.get(0)), text(arguments.get(1)),
          arguments.size() > 2 ? text(arguments.get(2)) : null, type);
      case CHAR_LENGTH -> {
        DataType natural = type.kind().isInteger() ? type : DataType.BIGINT;
        yield CastCompiler.coerce(new CharLengthExpression(text(arguments.get(0)), natural),
            type);
      }
      case SUBSTRING -> {
        List<VectorExpression> operands = new ArrayList<>();
        operands.add(text(arguments.get(0)));
        for (Expression argument : arguments.subList(1, arguments.size())) {
          operands.add(integer(argument));
        }
        yield new RowWiseExpression(operands, type, values -> StringFunctions.substring(
            (String) values[0], (Long) values[1], values.length > 2 ? (Long) values[2] : null));
      }
      case UPPER -> rowWise(arguments, type, values -> StringFunctions.upper((String) values[0]));
      case LOWER -> rowWise(arguments, type, values -> StringFunctions.lower((String) values[0]));
      case TRIM_BOTH -> rowWise(arguments, type,
          values -> StringFunctions.trim((String) values[0], (String) values[1], true, true));
      case TRIM_LEADING -> rowWise(arguments, type,
          values -> StringFunctions.trim((String) values[0], (String) values[1], true, false));
      case TRIM_TRAILING -> rowWise(arguments, type,
          values -> StringFunctions.trim((String) values[0], (String) values[1], false, true));
      case CONCAT -> rowWise(arguments, type, values -> {
        StringBuilder builder = new StringBuilder();
        for (Object value : values) {
          builder.append((String) value);
        }
        return builder.toString();
      });
      case POSITION -> rowWise(arguments, type,
          values -> StringFunctions.position((String) values[0], (String) values[1]));
      case REPLACE -> rowWise(arguments, type, values -> StringFunctions.replace(
          (String) values[0], (String) values[1], (String) values[2]));
      default -> throw new SalvoException(ErrorCode.NOT_SUPPORTED, function + " is not a string function");
    };
  }

  private static VectorExpression rowWise(List<Expression> arguments, DataType type,
      RowWiseExpression.RowFunction function) {
    List<VectorExpression> operands = arguments.stream().map(StringCompiler::text).toList();
    return new RowWiseExpression(operands, type, function);
  }

  private static VectorExpression text(Expression argument) {
    VectorExpression compiled = ExpressionCompiler.compile(argument);
    return compiled.type().kind() == TypeKind.VARCHAR ? compiled
        : CastCompiler.cast(compiled, DataType.VARCHAR);
  }

  private static VectorExpression integer(Expression argument) {
    VectorExpression compiled = ExpressionCompiler.compile(argument);
    return compiled.type().kind().isInteger() ? compiled
        : CastCompiler.cast(compiled, DataType.BIGINT);
  }
}
