package dev.salvo.sql.catalog.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog store on its default database, an embedded H2 file. */
class H2CatalogStoreTest extends CatalogStoreContract {
  @TempDir
  Path dataDirectory;

  @Override
  CatalogStoreConfig config() {
    return CatalogStoreConfig.embeddedIn(dataDirectory);
  }

  @Test
  void theFileEveryCommitIsAppendedToIsCompactedWhenTheStoreCloses() throws Exception {
    Path file = dataDirectory.resolve("catalog").resolve("salvo.mv.db");
    long grown;
    try (CatalogStore store = CatalogStore.open(config())) {
      store.createSchema("s", false);
      for (int i = 0; i < 40; i++) {
        store.createTable("s", "t" + i, RowType.of(new Column("x", DataType.BIGINT)),
            "s/t-" + i, List.of(), false);
        store.dropTable("s", "t" + i, false);
      }
      grown = Files.size(file);
    }
    long compacted = Files.size(file);
    assertTrue(compacted * 2 < grown, "the file stayed at " + compacted + " bytes of " + grown);
    // H2 writes the errors it meets to a trace file: closing must meet none.
    Path trace = dataDirectory.resolve("catalog").resolve("salvo.trace.db");
    assertFalse(Files.exists(trace), () -> "H2 traced errors at close: " + read(trace));
    try (CatalogStore store = CatalogStore.open(config())) {
      assertTrue(store.snapshot().schema("s").isPresent());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
