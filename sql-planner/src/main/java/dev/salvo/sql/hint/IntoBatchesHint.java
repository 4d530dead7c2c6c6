package dev.salvo.sql.hint;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.hint.RelHint;

/**
 * An {@code INTO_BATCHES(rows)} hint read off a plan node: re-chunk the stream into batches of at
 * most that many rows for the operators after it.
 *
 * @param rows the most rows in one batch, at least 1
 */
public record IntoBatchesHint(int rows) {

  public IntoBatchesHint {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
  }

  /**
   * The first {@code INTO_BATCHES} among a node's hints (its own before inherited ones), or
   * empty.
   *
   * @throws SalvoException {@link ErrorCode#INVALID_HINT} for arguments that
   *     {@link SalvoHints#validateHints} would have rejected
   */
  public static Optional<IntoBatchesHint> from(List<RelHint> hints) {
    return hints.stream()
        .filter(hint -> hint.hintName.equalsIgnoreCase(SalvoHints.INTO_BATCHES))
        .findFirst()
        .map(IntoBatchesHint::read);
  }

  private static IntoBatchesHint read(RelHint hint) {
    HintOptionRules.check(SalvoHints.INTO_BATCHES, hint.listOptions).ifPresent(problem -> {
      throw new SalvoException(ErrorCode.INVALID_HINT, problem.message());
    });
    return new IntoBatchesHint(HintOptionRules.positiveInteger(hint.listOptions.get(0)));
  }
}
