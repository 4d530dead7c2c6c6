package dev.salvo.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example program, compiled and run in a separate {@code java} process whose
 * classpath holds only the shaded driver jar and HikariCP (with slf4j-api, HikariCP's one
 * dependency), against a server this test starts. Runs after {@code package}, which builds the
 * jar: see the driver-jar execution in this module's pom.
 */
class DriverJarProgramTest {
  @TempDir
  Path directory;

  @Test
  void exampleProgramRunsWithOnlyTheDriverJarAndHikari() throws Exception {
    Path driverJar = Path.of(System.getProperty("salvo.driver.jar",
        "target/salvo-jdbc-0.1.0-SNAPSHOT.jar"));
    assertTrue(Files.isRegularFile(driverJar), driverJar + " is missing: run the package phase");
    Path program = directory.resolve("SalvoHikariExample.java");
    try (InputStream source = getClass().getResourceAsStream("/example/SalvoHikariExample.java")) {
      Files.copy(source, program, StandardCopyOption.REPLACE_EXISTING);
    }
    String classpath = String.join(File.pathSeparator, driverJar.toAbsolutePath().toString(),
        jarOf(HikariDataSource.class), jarOf(org.slf4j.Logger.class));

    try (TestServer server = TestServer.start(directory.resolve("server"),
        Map.of("tpch.schemas", "tiny=0.01", "exec.parallelism", "1"))) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
          "-cp", classpath, program.toString(), server.salvoUrl()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(directory.resolve("output.txt").toFile()).start();
      boolean finished = process.waitFor(120, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      String output = Files.readString(directory.resolve("output.txt"), StandardCharsets.UTF_8);
      assertTrue(finished, "the program did not finish: " + output);
      assertEquals(0, process.exitValue(), output);
      List<String> lines = output.lines()
          .filter(line -> line.matches("[A-Z ]+")).toList();
      assertEquals(List.of("FRANCE", "GERMANY", "ROMANIA", "RUSSIA", "UNITED KINGDOM"), lines,
          output);
    }
  }

  private static String jarOf(Class<?> type) throws URISyntaxException, IOException {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isRegularFile(jar), type + " does not come from a jar: " + jar);
    return jar.toString();
  }
}
