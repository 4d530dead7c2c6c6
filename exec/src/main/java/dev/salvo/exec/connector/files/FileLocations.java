package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves the paths that queries name against the data directory, the only place files are read. */
public final class FileLocations {
  private FileLocations() {}

  /**
   * The regular file {@code path} names, relative to {@code root} (absolute paths must lie under
   * it too); a path that leaves the data directory, even through a symbolic link, is refused.
   */
  public static Path resolve(Path root, String path) {
    if (path == null || path.isBlank()) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT, "A file path must not be empty");
    }
    Path base = root.toAbsolutePath().normalize();
    Path file;
    try {
      file = base.resolve(path).normalize();
    } catch (InvalidPathException e) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT, "Invalid file path '" + path + "'", e);
    }
    if (!file.startsWith(base)) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "File '" + path + "' lies outside the data directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND, "File '" + path + "' does not exist");
    }
    try {
      // A symbolic link inside the data directory may still point outside it.
      if (!file.toRealPath().startsWith(base.toRealPath())) {
        throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
            "File '" + path + "' lies outside the data directory");
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND,
          "File '" + path + "' cannot be read: " + e.getMessage(), e);
    }
    return file;
  }
}
