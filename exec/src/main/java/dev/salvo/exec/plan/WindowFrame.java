package dev.salvo.exec.plan;

import java.math.BigDecimal;

/**
 * The frame of a window: ROWS counts rows around the current one; RANGE compares values of the
 * single ORDER BY key (offsets) or takes the current row's peers (CURRENT ROW).
 */
public record WindowFrame(boolean rows, Bound lower, Bound upper) {
  /** The frame SQL uses when a window has an ORDER BY but no frame clause. */
  public static final WindowFrame DEFAULT = new WindowFrame(false,
      new Bound(BoundKind.UNBOUNDED_PRECEDING, null), new Bound(BoundKind.CURRENT_ROW, null));

  /** Where a frame bound lies relative to the current row. */
  public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

  /** One end of the frame; {@code offset} (non-negative) only for PRECEDING and FOLLOWING. */
  public record Bound(BoundKind kind, BigDecimal offset) {
    @Override
    public String toString() {
      return switch (kind) {
        case PRECEDING -> offset + " PRECEDING";
        case FOLLOWING -> offset + " FOLLOWING";
        default -> kind.name().replace('_', ' ');
      };
    }
  }

  @Override
  public String toString() {
    return (rows ? "ROWS" : "RANGE") + " BETWEEN " + lower + " AND " + upper;
  }
}
