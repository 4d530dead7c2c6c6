package dev.salvo.sql.function;

import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.sql.catalog.TypeConversion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * A Java UDF as Calcite's validator sees it: fixed operand families and a nullable return type
 * from the definition. Not deterministic, so the planner never folds or merges calls to it.
 */
public final class JavaFunctionOperator extends SqlFunction {
  private final ExternalFunction external;

  JavaFunctionOperator(JavaFunction function, RelDataTypeFactory typeFactory) {
    super(function.name(), SqlKind.OTHER_FUNCTION,
        opBinding -> returnType(function.returnType(), opBinding.getTypeFactory()),
        null,
        OperandTypes.family(function.parameterTypes().stream()
            .map(type -> family(type, typeFactory)).toList()),
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.external = function.external();
  }

  /** What the executor calls for this function. */
  public ExternalFunction external() {
    return external;
  }

  /** True when {@code node} calls a Java UDF anywhere. */
  public static boolean isCalledIn(org.apache.calcite.rex.RexNode node) {
    try {
      node.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
        @Override
        public Void visitCall(org.apache.calcite.rex.RexCall call) {
          if (call.getOperator() instanceof JavaFunctionOperator) {
            throw new org.apache.calcite.util.Util.FoundOne(call);
          }
          return super.visitCall(call);
        }
      });
      return false;
    } catch (org.apache.calcite.util.Util.FoundOne found) {
      return true;
    }
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }

  private static RelDataType returnType(DataType type, RelDataTypeFactory typeFactory) {
    return typeFactory.createTypeWithNullability(
        TypeConversion.toRelDataType(type, typeFactory), true);
  }

  private static SqlTypeFamily family(DataType type, RelDataTypeFactory typeFactory) {
    SqlTypeFamily family = TypeConversion.toRelDataType(type, typeFactory).getSqlTypeName()
        .getFamily();
    return family == null ? SqlTypeFamily.ANY : family;
  }
}
