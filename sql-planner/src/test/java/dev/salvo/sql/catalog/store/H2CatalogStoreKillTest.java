package dev.salvo.sql.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table the embedded catalog store committed is still there after the process dies right
 * after the commit, with no time for the database's own writer to run. It fails when neither
 * the checkpoint after each commit nor the URL's WRITE_DELAY=0 makes commits durable; the loss
 * seen through the server (a CREATE TABLE killed within a second of its answer, with
 * WRITE_DELAY=0 in the URL) does not happen in this child process without the checkpoint.
 */
class H2CatalogStoreKillTest {
  @TempDir
  Path dataDirectory;

  /** Run in a child process: commits a schema and a table, then halts at once. */
  public static void main(String[] args) {
    CatalogStore store = CatalogStore.open(CatalogStoreConfig.embeddedIn(Paths.get(args[0])));
    store.createSchema("kept", false);
    store.createTable("kept", "t", RowType.of(new Column("x", DataType.BIGINT)), "kept/t-1",
        List.of(), false);
    Runtime.getRuntime().halt(0);
  }

  @Test
  void aCommittedTableSurvivesTheProcessHaltingRightAfterTheCommit() throws Exception {
    assertTableSurvivesHalt();
  }

  /**
   * The same in a catalog file with free space in it, copied from a server that had run a
   * while (two schemas, two tables): H2 writes the next commits into that space,
   * and unless told not to reuse it, a commit written there is not found after a crash (the
   * file's header still names an older chunk), as a server killed after a CREATE TABLE lost the
   * table and deleted its files as uncommitted at the restart.
   */
  @Test
  void aCommittedTableSurvivesTheHaltInAFileWithFreeSpace() throws Exception {
    Path catalog = Files.createDirectories(dataDirectory.resolve("catalog"));
    try (InputStream fixture = getClass().getResourceAsStream(
        "/catalog-with-free-space/salvo.mv.db")) {
      Files.copy(fixture, catalog.resolve("salvo.mv.db"));
    }
    assertTableSurvivesHalt();
  }

  private void assertTableSurvivesHalt() throws Exception {
    Process child = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        H2CatalogStoreKillTest.class.getName(), dataDirectory.toString())
        .inheritIO().start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child process did not end");
    assertEquals(0, child.exitValue());
    try (CatalogStore store = CatalogStore.open(CatalogStoreConfig.embeddedIn(dataDirectory))) {
      assertTrue(store.snapshot().table("kept", "t").isPresent(),
          "the committed table was lost: " + store.snapshot().allTables());
    }
  }
}
