package dev.salvo.exec.plan;

/** One ORDER BY key: an input column, its direction and where its NULLs go. */
public record SortKey(int column, boolean ascending, boolean nullsFirst) {
  @Override
  public String toString() {
    return "$" + column + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
