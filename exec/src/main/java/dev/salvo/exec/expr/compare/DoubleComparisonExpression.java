package dev.salvo.exec.expr.compare;

import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ConstantExpression;
import dev.salvo.exec.expr.vector.Vectors;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;

/** Compares REAL and DOUBLE values; -0.0 equals 0.0 and NaN sorts above every number. */
final class DoubleComparisonExpression extends ComparisonExpression {
  private final int leftWidth;
  private final int rightWidth;

  DoubleComparisonExpression(VectorExpression left, VectorExpression right, int mask,
      NullHandling nullHandling) {
    super(left, right, mask, nullHandling);
    this.leftWidth = Vectors.doubleWidth(left.type().kind());
    this.rightWidth = Vectors.doubleWidth(right.type().kind());
  }

  static int compare(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    return a == b ? 0 : Double.compare(a, b); // only NaN gets here
  }

  @Override
  void compareVectors(FieldVector left, FieldVector right, long out, int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    ArrowBuf b = right.getDataBuffer();
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = compare(Vectors.readDouble(a, leftWidth, i), Vectors.readDouble(b, rightWidth, i));
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }

  @Override
  void compareToConstant(FieldVector left, ConstantExpression right, long out,
      int rowCount) {
    ArrowBuf a = left.getDataBuffer();
    double constant = right.doubleValue();
    int bits = 0;
    for (int i = 0; i < rowCount; i++) {
      int cmp = compare(Vectors.readDouble(a, leftWidth, i), constant);
      bits = addResult(bits, cmp, i, out);
    }
    flushResults(bits, rowCount, out);
  }
}
