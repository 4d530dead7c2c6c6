package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Resolves the paths that queries name against the data directory, the only place files are read. */
public final class FileLocations {
  /** Characters that make a path a glob pattern. */
  private static final String GLOB_CHARACTERS = "*?[{";

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

  /** A file a query names: its path as written relative to the data directory, and where it is. */
  public record LocatedFile(String name, Path path) {}

  /**
   * The regular files {@code pattern} names under {@code root}, sorted by path: one file, as
   * {@link #resolve} finds it, or, when the pattern has glob characters ({@code * ? [ {}), every
   * matching file ({@code *} stays within a directory, {@code **} crosses directories). Matching
   * no file is FILE_NOT_FOUND.
   */
  public static List<LocatedFile> resolveAll(Path root, String pattern) {
    if (pattern == null || pattern.chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
      return List.of(new LocatedFile(pattern, resolve(root, pattern)));
    }
    String unixPattern = pattern.replace('\\', '/');
    if (List.of(unixPattern.split("/")).contains("..")) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "File pattern '" + pattern + "' lies outside the data directory");
    }
    int firstGlob = 0;
    while (GLOB_CHARACTERS.indexOf(unixPattern.charAt(firstGlob)) < 0) {
      firstGlob++;
    }
    // Matches can only lie under the directory that the part before the first glob names.
    int directoryEnd = unixPattern.lastIndexOf('/', firstGlob) + 1;
    Path base = root.toAbsolutePath().normalize();
    Path start;
    PathMatcher matcher;
    try {
      start = base.resolve(unixPattern.substring(0, directoryEnd)).normalize();
      matcher = FileSystems.getDefault().getPathMatcher("glob:"
          + unixPattern.substring(directoryEnd));
    } catch (IllegalArgumentException e) {
      // InvalidPathException and PatternSyntaxException are both IllegalArgumentExceptions.
      String reason = e instanceof PatternSyntaxException syntax ? syntax.getDescription()
          : e.getMessage();
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT, "Invalid file pattern '" + pattern
          + "': " + reason, e);
    }
    if (!start.startsWith(base)) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "File pattern '" + pattern + "' lies outside the data directory");
    }
    List<LocatedFile> files = new ArrayList<>();
    if (Files.isDirectory(start)) {
      try (Stream<Path> walk = Files.walk(start)) {
        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
          if (matcher.matches(start.relativize(file))) {
            String name = base.relativize(file).toString().replace('\\', '/');
            files.add(new LocatedFile(name, resolve(root, name)));
          }
        }
      } catch (IOException | UncheckedIOException e) {
        throw new SalvoException(ErrorCode.FILE_NOT_FOUND,
            "Cannot list files matching '" + pattern + "': " + e.getMessage(), e);
      }
    }
    if (files.isEmpty()) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND, "No file matches '" + pattern + "'");
    }
    return List.copyOf(files);
  }
}
