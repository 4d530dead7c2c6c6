package dev.salvo.sql.planner;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, minus the ones that hide mistakes: a string is never silently turned
 * into a number to be summed or averaged, an IN list does not mix strings and numbers, and CASE
 * branches that are a number on one side and a date or a boolean on the other are an error
 * rather than strings.
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

  /**
   * An IN list of both strings and numbers is an error: Calcite would compare every value as a
   * string, so {@code l_shipmode IN ('AIR', 5)} would quietly look for the string '5'.
   */
  @Override
  public boolean inOperationCoercion(SqlCallBinding binding) {
    if (binding.getCall().operand(1) instanceof SqlNodeList list) {
      int firstString = -1;
      int firstNumber = -1;
      for (int i = 0; i < list.size(); i++) {
        RelDataType type = binding.getValidator().deriveType(binding.getScope(), list.get(i));
        if (firstString < 0 && SqlTypeUtil.isCharacter(type)) {
          firstString = i;
        } else if (firstNumber < 0 && SqlTypeUtil.isNumeric(type)) {
          firstNumber = i;
        }
      }
      if (firstString >= 0 && firstNumber >= 0) {
        // The position of whichever kind came second, the odd one out.
        throw binding.getValidator().newValidationError(
            list.get(Math.max(firstString, firstNumber)), RESOURCE.incompatibleTypesInList());
      }
    }
    return super.inOperationCoercion(binding);
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
