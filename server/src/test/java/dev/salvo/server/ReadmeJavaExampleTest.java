package dev.salvo.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.salvo.server.config.ServerConfig;
import dev.salvo.server.http.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java client example, taken from the README itself, compiled with the JDK's
 * compiler and run as its own program against a live server: the documented code works as
 * documented.
 */
class ReadmeJavaExampleTest {
  private static final String MARKER = "<!-- java-example: SalvoFuture.java -->";

  @TempDir
  Path directory;

  @Test
  @Timeout(120)
  void theJavaExampleCompilesRunsAndPrintsTheRows() throws Exception {
    Path source = directory.resolve("SalvoFuture.java");
    Files.writeString(source, javaExample(Files.readString(Path.of("..", "README.md"))));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "The tests need a JDK");
    Path classes = Files.createDirectories(directory.resolve("classes"));
    assertEquals(0, compiler.run(null, null, null, "--release", "17", "-Xlint:all", "-Werror",
        "-d", classes.toString(), source.toString()), "The README's example does not compile");

    ServerConfig config = ServerConfig.load(null, Map.of("http.port", "0",
        "memory.max", "256MB", "tpch.schemas", "tiny=0.01", "data.dir", "data"));
    ServerRuntime runtime = ServerRuntime.start(config, directory);
    try {
      Process process = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", classes.toString(), "SalvoFuture", runtime.httpUri().toString())
          .redirectErrorStream(true)
          .start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "The example did not end");
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), output);
      List<String> lines = output.lines().toList();
      assertTrue(lines.get(0).matches("query \\S+ is (QUEUED|RUNNING|FINISHED)"), output);
      assertTrue(lines.get(1).matches("now (QUEUED|RUNNING|FINISHED)"), output);
      assertEquals("n_nationkey,n_name", lines.get(2));
      assertEquals("0,ALGERIA", lines.get(3));
      assertEquals("24,UNITED STATES", lines.get(27));
      assertEquals(28, lines.size(), output);

      JsonNode queries = ApiClient.json(new ApiClient(runtime.httpUri())
          .get("/v1/queries?user=example")).get("queries");
      assertEquals(1, queries.size());
      assertEquals("FINISHED", queries.get(0).get("state").asText());
    } finally {
      runtime.stop();
    }
  }

  /** The code block that follows the marker. */
  static String javaExample(String readme) throws IOException {
    int marker = readme.indexOf(MARKER);
    assertTrue(marker >= 0, "The README lost its Java example marker");
    int start = readme.indexOf("```java\n", marker);
    int end = readme.indexOf("\n```", start + 8);
    assertTrue(start >= 0 && end > start, "No java code block after the marker");
    return readme.substring(start + "```java\n".length(), end + 1);
  }
}
