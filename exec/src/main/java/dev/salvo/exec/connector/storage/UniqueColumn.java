package dev.salvo.exec.connector.storage;

/**
 * A column of one data file whose values are non-null integers, all distinct, between
 * {@code min} and {@code max}: what lets the planner treat the column as a key of the whole
 * table when every file of a version has it and their ranges do not overlap.
 *
 * @param column the column's position in the table's row type
 */
public record UniqueColumn(int column, long min, long max) {
  public UniqueColumn {
    if (column < 0 || min > max) {
      throw new IllegalArgumentException("Bad unique column " + column + " [" + min + ", "
          + max + "]");
    }
  }

  /** The form the catalog store keeps: {@code column:min:max}. */
  public String encode() {
    return column + ":" + min + ":" + max;
  }

  /** Reads {@link #encode()}'s form back. */
  public static UniqueColumn decode(String text) {
    String[] parts = text.split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not a unique column: " + text);
    }
    return new UniqueColumn(Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
        Long.parseLong(parts[2]));
  }
}
