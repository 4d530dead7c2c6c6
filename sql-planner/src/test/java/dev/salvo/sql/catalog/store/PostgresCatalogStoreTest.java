package dev.salvo.sql.catalog.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog store on PostgreSQL: a throwaway cluster in a temporary directory on a loopback
 * port, started from the machine's PostgreSQL binaries (Debian package {@code postgresql}).
 * Skipped, saying why, where there are none or where they refuse to run (as root). With
 * {@code -Dsalvo.test.postgres.url=jdbc:postgresql://...} (user {@code salvo}, empty database)
 * it uses that server instead.
 */
class PostgresCatalogStoreTest extends CatalogStoreContract {
  @TempDir
  Path directory;

  private static final String URL_PROPERTY = "salvo.test.postgres.url";

  private Path binaries;
  private Path cluster;
  private int port;

  @BeforeEach
  void startCluster() throws Exception {
    if (System.getProperty(URL_PROPERTY) != null) {
      return;
    }
    Optional<Path> found = findBinaries();
    assumeTrue(found.isPresent(),
        "PostgreSQL test skipped: no initdb/pg_ctl on PATH or in /usr/lib/postgresql");
    assumeTrue(!"root".equals(System.getProperty("user.name")),
        "PostgreSQL test skipped: initdb refuses to run as root");
    binaries = found.get();
    cluster = directory.resolve("cluster");
    run(List.of(binaries.resolve("initdb").toString(), "-D", cluster.toString(), "-U",
        "salvo", "-A", "trust", "--no-sync"));
    port = freePort();
    run(List.of(binaries.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-w",
        "-l", directory.resolve("postgres.log").toString(), "-o",
        "-p " + port + " -h 127.0.0.1 -k " + directory, "start"));
  }

  @AfterEach
  void stopCluster() throws Exception {
    if (cluster != null) {
      run(List.of(binaries.resolve("pg_ctl").toString(), "-D", cluster.toString(), "-w",
          "-m", "immediate", "stop"));
    }
  }

  @Override
  CatalogStoreConfig config() {
    String url = System.getProperty(URL_PROPERTY);
    if (url != null) {
      return new CatalogStoreConfig(url, "salvo", "", 2);
    }
    return new CatalogStoreConfig("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
        "salvo", "", 2);
  }

  private static Optional<Path> findBinaries() throws IOException {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path initdb = Path.of(entry, "initdb");
      if (!entry.isEmpty() && Files.isExecutable(initdb)) {
        return Optional.of(initdb.toRealPath().getParent());
      }
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (var list = Files.list(versions)) {
        return list.map(version -> version.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("initdb"))).findFirst();
      }
    }
    return Optional.empty();
  }

  private void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(directory.resolve("commands.log").toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Timed out: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(command + " failed: "
          + Files.readString(directory.resolve("commands.log")));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
