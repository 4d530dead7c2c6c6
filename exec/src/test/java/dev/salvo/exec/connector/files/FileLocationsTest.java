package dev.salvo.exec.connector.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.salvo.exec.connector.files.FileLocations.LocatedFile;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths and glob patterns resolve to files inside the data directory only. */
class FileLocationsTest {
  @TempDir
  Path root;

  @TempDir
  Path elsewhere;

  @BeforeEach
  void files() throws IOException {
    for (String file : List.of("sales/2024/q1.parquet", "sales/2024/q2.parquet",
        "sales/2025/q1.parquet", "sales/notes.txt", "top.parquet")) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.writeString(root.resolve(file), file);
    }
  }

  private List<String> names(String pattern) {
    return FileLocations.resolveAll(root, pattern).stream().map(LocatedFile::name).toList();
  }

  @Test
  void aPlainPathIsOneFileAndAGlobEveryMatchInPathOrder() {
    assertEquals(List.of("top.parquet"), names("top.parquet"));
    assertEquals(List.of("sales/2024/q1.parquet", "sales/2024/q2.parquet"),
        names("sales/2024/*.parquet"));
    assertEquals(List.of("sales/2024/q1.parquet", "sales/2025/q1.parquet"),
        names("sales/*/q1.parquet"));
    assertEquals(List.of("sales/2024/q1.parquet", "sales/2024/q2.parquet",
        "sales/2025/q1.parquet", "top.parquet"), names("**.parquet"));
    assertEquals(root.resolve("top.parquet").toAbsolutePath().normalize(),
        FileLocations.resolveAll(root, "top.parquet").get(0).path());
  }

  @Test
  void aPatternMatchingNothingIsFileNotFound() {
    SalvoException error = assertThrows(SalvoException.class, () -> names("sales/*.csv"));
    assertEquals(ErrorCode.FILE_NOT_FOUND, error.code());
    assertEquals("No file matches 'sales/*.csv'", error.getMessage());
  }

  @Test
  void patternsCannotLeaveTheDataDirectory() throws IOException {
    Files.writeString(elsewhere.resolve("secret.parquet"), "x");
    Files.createSymbolicLink(root.resolve("sales/link.parquet"),
        elsewhere.resolve("secret.parquet"));
    for (String pattern : List.of("../*.parquet", "sales/../../*.parquet",
        elsewhere + "/*.parquet", "sales/link*.parquet")) {
      SalvoException error = assertThrows(SalvoException.class, () -> names(pattern), pattern);
      assertEquals(ErrorCode.INVALID_ARGUMENT, error.code(), pattern);
    }
  }

  @Test
  void aMalformedPatternSaysWhatIsWrongOnOneLine() {
    SalvoException error = assertThrows(SalvoException.class, () -> names("sales/[2024*"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertEquals("Invalid file pattern 'sales/[2024*': Missing ']", error.getMessage());
  }
}
