package dev.salvo.sql;

import dev.salvo.exec.connector.storage.TableDirectories;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.catalog.store.CatalogStore;
import dev.salvo.sql.catalog.store.StoredTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's data directory: table data under {@code tables/<schema>/<table>-<id>/}, the
 * embedded catalog store under {@code catalog/}. Without a configured one the engine gets a
 * temporary directory, deleted when it closes.
 */
final class DataDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private final Path path;
  private final boolean temporary;

  private DataDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  static DataDirectory open(Path configured) {
    try {
      if (configured == null) {
        return new DataDirectory(Files.createTempDirectory("salvo-data-"), true);
      }
      Files.createDirectories(configured);
      return new DataDirectory(configured.toAbsolutePath(), false);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INVALID_CONFIGURATION,
          "Cannot create the data directory " + configured + ": " + e, e);
    }
  }

  Path path() {
    return path;
  }

  Path tablesDirectory() {
    return path.resolve("tables");
  }

  /**
   * Deletes what no committed version lists: files of INSERTs that crashed before their
   * commit, files replaced by DELETEs before this start, and directories of tables whose CREATE
   * never committed or whose DROP did not finish deleting them.
   */
  void deleteUncommittedFiles(CatalogStore store) {
    store.forgetReplacedFiles();
    Set<Path> owned = new HashSet<>();
    int deleted = 0;
    try {
      for (StoredTable table : store.snapshot().allTables()) {
        Path directory = tablesDirectory().resolve(table.directory());
        owned.add(directory);
        deleted += TableDirectories.deleteUnlisted(directory, table.files().stream()
            .map(file -> file.fileName()).collect(Collectors.toSet()));
      }
      Path tables = tablesDirectory();
      if (Files.isDirectory(tables)) {
        try (DirectoryStream<Path> schemas = Files.newDirectoryStream(tables)) {
          for (Path schema : schemas) {
            if (!Files.isDirectory(schema)) {
              continue;
            }
            try (DirectoryStream<Path> tableDirectories = Files.newDirectoryStream(schema)) {
              for (Path directory : tableDirectories) {
                if (!owned.contains(directory)) {
                  TableDirectories.deleteTree(directory);
                  deleted++;
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.INTERNAL_ERROR,
          "Cannot clean up the data directory " + path + ": " + e, e);
    }
    if (deleted > 0) {
      LOG.info("Deleted {} uncommitted data files or table directories in {}", deleted, path);
    }
  }

  @Override
  public void close() {
    if (temporary) {
      try {
        TableDirectories.deleteTree(path);
      } catch (IOException e) {
        LOG.warn("Cannot delete the temporary data directory {}: {}", path, e.toString());
      }
    }
  }
}
