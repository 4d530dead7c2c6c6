package dev.salvo.sql.catalog.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the catalog store keeps its metadata: a JDBC URL (an embedded H2 file by default,
 * PostgreSQL by configuration), its credentials and the most pooled connections.
 */
public record CatalogStoreConfig(String jdbcUrl, String user, String password, int maxPoolSize) {
  public CatalogStoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("catalog store pool size must be at least 1, got "
          + maxPoolSize);
    }
  }

  /**
   * The default: an H2 database file {@code catalog/salvo.mv.db} in the data directory. H2 keeps
   * the file locked, so one server at a time owns a data directory. WRITE_DELAY=0 writes every
   * commit to the file before the commit returns: H2's default flushes up to half a second
   * later, and a server killed in that window would forget a statement it had reported done.
   * REUSE_SPACE=FALSE appends every commit to the file: once a file has free space, H2 writes
   * commits into it, and after a crash it finds only those its header leads to (a server
   * killed after a CREATE TABLE lost the table). The file then grows by about 10 KiB a commit
   * until {@link CatalogStore#close} compacts it when the server stops.
   */
  public static CatalogStoreConfig embeddedIn(Path dataDirectory) {
    Path file = dataDirectory.toAbsolutePath().resolve("catalog").resolve("salvo");
    return new CatalogStoreConfig(
        "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;REUSE_SPACE=FALSE",
        "sa", "", 4);
  }

  /** The URL with any password it spells out masked, for logs. */
  public String describe() {
    return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
