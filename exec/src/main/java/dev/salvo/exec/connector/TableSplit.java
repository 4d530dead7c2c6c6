package dev.salvo.exec.connector;

/** One independently readable part of a {@link TableSource}; its content is the source's own. */
public interface TableSplit {
  /** A short description for logs and EXPLAIN ANALYZE. */
  String describe();
}
