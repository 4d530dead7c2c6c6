package dev.salvo.exec.connector.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of table directories: forcing renames to disk and deleting unlisted files, whose
 * mappings are given up first so that their disk space comes back once the last scan ends.
 */
public final class TableDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(TableDirectories.class);

  private TableDirectories() {}

  /**
   * Forces a directory's entries (a rename) to disk, where the platform allows opening a
   * directory; elsewhere renames are durable on their own or cannot be forced at all.
   */
  static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot force directory {} to disk: {}", directory, e.toString());
    }
  }

  /**
   * Deletes every data or temporary file in {@code directory} that is not in {@code listed}:
   * leftovers of statements that crashed or failed before their commit, and files of versions
   * replaced before the last start. Call only while no statement writes to the table.
   *
   * @return how many files were deleted
   */
  public static int deleteUnlisted(Path directory, Set<String> listed) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean ours = name.endsWith(TableFileWriter.DATA_FILE_SUFFIX)
            || name.endsWith(TableFileWriter.TEMPORARY_SUFFIX);
        if (ours && !listed.contains(name) && Files.isRegularFile(entry)) {
          MappedDataFiles.SHARED.forget(entry);
          Files.delete(entry);
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** Deletes a dropped table's directory and everything in it; missing is fine. */
  public static void deleteTree(Path directory) throws IOException {
    MappedDataFiles.SHARED.forget(directory);
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
