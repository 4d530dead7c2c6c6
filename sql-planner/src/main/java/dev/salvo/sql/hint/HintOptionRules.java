package dev.salvo.sql.hint;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The argument rules of Salvo's hints on their text form, shared by the parse-tree validation and
 * the planner's hint strategies so that both accept exactly the same hints.
 */
final class HintOptionRules {

  /** What is wrong with a hint: why, and which option (or -1 when it is the hint as a whole). */
  record Problem(int optionIndex, String message) {}

  private HintOptionRules() {}

  /** The hint's name as Salvo spells it, or empty when the hint is not one of Salvo's. */
  static Optional<String> canonicalName(String hintName) {
    String upper = hintName.toUpperCase(Locale.ROOT);
    return upper.equals(SalvoHints.REPARTITION) || upper.equals(SalvoHints.INTO_BATCHES)
        ? Optional.of(upper) : Optional.empty();
  }

  /** Checks the options of a known hint; {@code name} must be canonical. */
  static Optional<Problem> check(String name, List<String> options) {
    return switch (name) {
      case SalvoHints.REPARTITION -> checkRepartition(options);
      case SalvoHints.INTO_BATCHES -> checkIntoBatches(options);
      default -> throw new IllegalArgumentException("not a Salvo hint: " + name);
    };
  }

  static Problem keyValueOptions(String name) {
    return new Problem(-1, "Hint " + name + " takes a list of values, not key = value pairs: "
        + usage(name));
  }

  static String usage(String name) {
    return SalvoHints.REPARTITION.equals(name)
        ? "REPARTITION(partitions[, column, ...])" : "INTO_BATCHES(rows)";
  }

  /** The positive integer {@code text} denotes, or -1 when it denotes none. */
  static int positiveInteger(String text) {
    if (text == null || !text.matches("[0-9]+")) {
      return -1;
    }
    try {
      int value = Integer.parseInt(text);
      return value > 0 ? value : -1;
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }

  static String notAPositiveInteger(String name, String what, String shown) {
    return "Hint " + name + ": " + what + " must be a positive integer no larger than "
        + Integer.MAX_VALUE + ", got " + shown;
  }

  private static Optional<Problem> checkRepartition(List<String> options) {
    String name = SalvoHints.REPARTITION;
    if (options.isEmpty()) {
      return Optional.of(new Problem(-1,
          "Hint REPARTITION needs a partition count: " + usage(name)));
    }
    if (positiveInteger(options.get(0)) < 0) {
      return Optional.of(new Problem(0,
          notAPositiveInteger(name, "the partition count", options.get(0))));
    }
    for (int i = 1; i < options.size(); i++) {
      if (options.get(i).isBlank()) {
        return Optional.of(new Problem(i, "Hint REPARTITION: a column name must not be empty"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> checkIntoBatches(List<String> options) {
    String name = SalvoHints.INTO_BATCHES;
    if (options.size() != 1) {
      return Optional.of(new Problem(options.isEmpty() ? -1 : 1,
          "Hint INTO_BATCHES takes exactly one argument, the rows per batch: " + usage(name)));
    }
    if (positiveInteger(options.get(0)) < 0) {
      return Optional.of(new Problem(0,
          notAPositiveInteger(name, "the rows per batch", options.get(0))));
    }
    return Optional.empty();
  }
}
