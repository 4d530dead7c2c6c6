package dev.salvo.sql.catalog.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a commit to the catalog database survive the server being killed right after it. An
 * embedded H2 database keeps a committed change in memory until its writer runs (a CREATE TABLE
 * killed within a second of answering was gone after the restart, and its files deleted as
 * uncommitted): on H2 a commit is followed by a checkpoint, which writes and syncs the file. A
 * database server such as PostgreSQL is durable at commit by itself.
 */
public final class DurableCommits {
  private DurableCommits() {}

  /** Commits the connection's transaction and, on H2, writes it to disk before returning. */
  public static void commit(Connection connection) throws SQLException {
    connection.commit();
    if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT SYNC");
      }
    }
  }
}
