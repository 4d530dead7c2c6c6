package dev.salvo.server.flightsql;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueVisitor;

/**
 * A Flight session option's value as the text {@code SET} takes. Flight SQL asks servers to
 * accept strings for every option (drivers pass connection-string values through unchanged),
 * and numbers and booleans are read as their SQL spelling; an empty value means the default.
 */
final class SessionOptionText {
  private SessionOptionText() {}

  /**
   * The text of {@code value}, or null for an empty value (back to the default).
   *
   * @throws SalvoException INVALID_SETTING_VALUE for a list, which no setting takes
   */
  static String of(String name, SessionOptionValue value) {
    return value.acceptVisitor(new SessionOptionValueVisitor<String>() {
      @Override
      public String visit(String text) {
        return text;
      }

      @Override
      public String visit(boolean flag) {
        return Boolean.toString(flag);
      }

      @Override
      public String visit(long number) {
        return Long.toString(number);
      }

      @Override
      public String visit(double number) {
        // Whole numbers read as integers, so batch_size = 100.0 is 100.
        return number == Math.rint(number) && Math.abs(number) < 1e15
            ? Long.toString((long) number) : Double.toString(number);
      }

      @Override
      public String visit(String[] list) {
        throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE, "Session option " + name
            + " takes one value, not a list");
      }

      @Override
      public String visit(Void empty) {
        return null;
      }
    });
  }
}
