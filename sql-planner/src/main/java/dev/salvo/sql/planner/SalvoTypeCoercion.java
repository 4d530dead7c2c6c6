package dev.salvo.sql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, minus the ones that hide mistakes: a string is never silently turned
 * into a number to be summed or averaged, and CASE branches that are a number on one side and a
 * date or a boolean on the other are an error rather than strings.
 */
public final class SalvoTypeCoercion extends TypeCoercionImpl {
  public SalvoTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
      List<SqlTypeFamily> expectedFamilies) {
    if (binding.getOperator() instanceof SqlAggFunction) {
      for (RelDataType type : operandTypes) {
        if (SqlTypeUtil.isCharacter(type)) {
          return false;
        }
      }
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  @Override
  public boolean caseWhenCoercion(SqlCallBinding binding) {
    SqlCase caseCall = (SqlCase) binding.getCall();
    List<RelDataType> resultTypes = new ArrayList<>();
    for (SqlNode result : caseCall.getThenOperands()) {
      resultTypes.add(binding.getValidator().deriveType(binding.getScope(), result));
    }
    SqlNode elseOperand = caseCall.getElseOperand();
    if (elseOperand != null) {
      resultTypes.add(binding.getValidator().deriveType(binding.getScope(), elseOperand));
    }
    return !mixesUnrelatedFamilies(resultTypes) && super.caseWhenCoercion(binding);
  }

  @Override
  public boolean caseOrEquivalentCoercion(SqlCallBinding binding) {
    return !mixesUnrelatedFamilies(binding.collectOperandTypes())
        && super.caseOrEquivalentCoercion(binding);
  }

  /** True when the types include both numbers and dates/times or booleans. */
  private static boolean mixesUnrelatedFamilies(List<RelDataType> types) {
    boolean numeric = false;
    boolean datetime = false;
    boolean bool = false;
    for (RelDataType type : types) {
      numeric |= SqlTypeUtil.isNumeric(type);
      datetime |= SqlTypeUtil.isDatetime(type);
      bool |= SqlTypeUtil.isBoolean(type);
    }
    return numeric && (datetime || bool) || datetime && bool;
  }
}
