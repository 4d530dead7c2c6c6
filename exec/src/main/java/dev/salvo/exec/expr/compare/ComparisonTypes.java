package dev.salvo.exec.expr.compare;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.vector.Decimals;
import dev.salvo.exec.expr.vector.Vectors;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;

/** The type in which two values of (possibly) different types are compared. */
final class ComparisonTypes {
  private ComparisonTypes() {}

  /** Numbers promote integer -> DECIMAL -> DOUBLE; DATE meets TIMESTAMP as TIMESTAMP; text
   *  compared with another kind is read as that kind. */
  static DataType common(DataType a, DataType b) {
    TypeKind x = a.kind();
    TypeKind y = b.kind();
    if (x == TypeKind.NULL) {
      return b;
    }
    if (y == TypeKind.NULL) {
      return a;
    }
    if (x.isNumeric() && y.isNumeric()) {
      if (x == TypeKind.DOUBLE || x == TypeKind.REAL || y == TypeKind.DOUBLE
          || y == TypeKind.REAL) {
        return DataType.DOUBLE;
      }
      if (x == TypeKind.DECIMAL || y == TypeKind.DECIMAL) {
        int scale = Math.max(scale(a), scale(b));
        int integerDigits = Math.max(precision(a) - scale(a), precision(b) - scale(b));
        int precision = Math.min(DataType.MAX_DECIMAL_PRECISION, integerDigits + scale);
        return DataType.decimal(Math.max(precision, scale), scale);
      }
      return Vectors.longWidth(x) >= Vectors.longWidth(y) ? a : b;
    }
    if (x == y) {
      return x == TypeKind.VARCHAR ? DataType.VARCHAR : a;
    }
    if ((x == TypeKind.DATE && y == TypeKind.TIMESTAMP)
        || (x == TypeKind.TIMESTAMP && y == TypeKind.DATE)) {
      return DataType.TIMESTAMP;
    }
    if (x == TypeKind.VARCHAR && y != TypeKind.VARBINARY) {
      return b;
    }
    if (y == TypeKind.VARCHAR && x != TypeKind.VARBINARY) {
      return a;
    }
    throw new SalvoException(ErrorCode.TYPE_MISMATCH,
        "Cannot compare " + a.sqlName() + " with " + b.sqlName());
  }

  private static int scale(DataType type) {
    return type.kind() == TypeKind.DECIMAL ? type.scale() : 0;
  }

  private static int precision(DataType type) {
    return type.kind() == TypeKind.DECIMAL ? type.precision()
        : Decimals.integerDigits(type.kind());
  }
}
