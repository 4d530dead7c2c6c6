package dev.salvo.exec.expr.nested;

import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Equality of ARRAY and ROW values in their Java form: component by component, numbers by
 * value whatever their type.
 */
final class NestedValues {
  private NestedValues() {}

  /** Whether values of the two types can be compared for equality. */
  static boolean comparable(DataType left, DataType right) {
    TypeKind leftKind = left.kind();
    TypeKind rightKind = right.kind();
    if (leftKind == TypeKind.NULL || rightKind == TypeKind.NULL) {
      return true;
    }
    if (leftKind.isNested() || rightKind.isNested()) {
      if (leftKind != rightKind || left.fields().size() != right.fields().size()) {
        return false;
      }
      for (int index = 0; index < left.fields().size(); index++) {
        if (!comparable(left.fields().get(index).type(), right.fields().get(index).type())) {
          return false;
        }
      }
      return true;
    }
    if (leftKind.isNumeric() && rightKind.isNumeric()) {
      return true;
    }
    return leftKind == rightKind;
  }

  /** Whether two values (either may be NULL) are the same: NULL components match each other. */
  static boolean notDistinct(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof List<?> leftList && right instanceof List<?> rightList) {
      if (leftList.size() != rightList.size()) {
        return false;
      }
      for (int index = 0; index < leftList.size(); index++) {
        if (!notDistinct(leftList.get(index), rightList.get(index))) {
          return false;
        }
      }
      return true;
    }
    return scalarEqual(left, right);
  }

  private static boolean scalarEqual(Object left, Object right) {
    if (left instanceof Number leftNumber && right instanceof Number rightNumber) {
      if (left instanceof Double || right instanceof Double) {
        return leftNumber.doubleValue() == rightNumber.doubleValue();
      }
      return decimal(leftNumber).compareTo(decimal(rightNumber)) == 0;
    }
    if (left instanceof byte[] leftBytes && right instanceof byte[] rightBytes) {
      return Arrays.equals(leftBytes, rightBytes);
    }
    return left.equals(right);
  }

  private static BigDecimal decimal(Number number) {
    return number instanceof BigDecimal value ? value : BigDecimal.valueOf(number.longValue());
  }
}
