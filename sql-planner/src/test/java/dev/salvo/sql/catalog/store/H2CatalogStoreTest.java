package dev.salvo.sql.catalog.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The catalog store on its default database, an embedded H2 file. */
class H2CatalogStoreTest extends CatalogStoreContract {
  @TempDir
  Path dataDirectory;

  @Override
  CatalogStoreConfig config() {
    return CatalogStoreConfig.embeddedIn(dataDirectory);
  }
}
