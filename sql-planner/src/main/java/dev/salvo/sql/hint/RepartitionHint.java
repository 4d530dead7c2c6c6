package dev.salvo.sql.hint;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.hint.RelHint;

/**
 * A {@code REPARTITION(partitions[, column, ...])} hint read off a plan node: hash-partition on
 * the columns into that many partitions, or spread rows evenly when no column is named.
 *
 * @param partitions how many partitions, at least 1
 * @param columns the partitioning columns as written (match them case-insensitively); empty for
 *     an even spread
 */
public record RepartitionHint(int partitions, List<String> columns) {

  public RepartitionHint {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    columns = List.copyOf(columns);
  }

  /**
   * The first {@code REPARTITION} among a node's hints (its own before inherited ones), or empty.
   *
   * @throws SalvoException {@link ErrorCode#INVALID_HINT} for arguments that
   *     {@link SalvoHints#validateHints} would have rejected
   */
  public static Optional<RepartitionHint> from(List<RelHint> hints) {
    return hints.stream()
        .filter(hint -> hint.hintName.equalsIgnoreCase(SalvoHints.REPARTITION))
        .findFirst()
        .map(RepartitionHint::read);
  }

  private static RepartitionHint read(RelHint hint) {
    HintOptionRules.check(SalvoHints.REPARTITION, hint.listOptions).ifPresent(problem -> {
      throw new SalvoException(ErrorCode.INVALID_HINT, problem.message());
    });
    List<String> options = hint.listOptions;
    return new RepartitionHint(HintOptionRules.positiveInteger(options.get(0)),
        options.subList(1, options.size()));
  }
}
