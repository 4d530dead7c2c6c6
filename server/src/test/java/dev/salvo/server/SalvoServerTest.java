package dev.salvo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SalvoServerTest {
  @TempDir
  Path installDirectory;

  @Test
  void readsTheInstalledConfigurationWhenPresent() throws IOException {
    SalvoServer server = new SalvoServer(installDirectory);
    new CommandLine(server).parseArgs();
    assertNull(server.configFileToRead());

    Path installed = installDirectory.resolve("conf/salvo.properties");
    Files.createDirectories(installed.getParent());
    Files.writeString(installed, "http.port=9999\n");
    assertEquals(installed, server.configFileToRead());
  }

  @Test
  void explicitConfigurationWins() throws IOException {
    Files.createDirectories(installDirectory.resolve("conf"));
    Files.writeString(installDirectory.resolve("conf/salvo.properties"), "");
    SalvoServer server = new SalvoServer(installDirectory);
    new CommandLine(server).parseArgs("--config", "other.properties", "--set", "http.port=1");
    assertEquals(Path.of("other.properties"), server.configFileToRead());
  }

  @Test
  void badConfigurationExitsNonZeroWithoutStarting() {
    int exitCode = new CommandLine(new SalvoServer(installDirectory))
        .execute("--set", "http.port=eighty");
    assertEquals(1, exitCode);
  }

  @Test
  void busyPortExitsNonZero() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exitCode = new CommandLine(new SalvoServer(installDirectory))
          .execute("--set", "http.port=" + taken.getLocalPort(), "--set", "flight.port=0");
      assertEquals(1, exitCode);
    }
  }

  @Test
  void malformedOverrideIsAUsageError() {
    CommandLine command = new CommandLine(new SalvoServer(installDirectory));
    assertEquals(2, command.execute("--set", "no-equals-sign"));
  }
}
