package dev.salvo.server;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.server.config.ServerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code salvo} command: loads the configuration, starts the server and runs until stopped. */
@Command(name = "salvo", mixinStandardHelpOptions = true,
    versionProvider = SalvoServer.VersionProvider.class,
    description = "Runs the Salvo SQL server in the foreground until Ctrl-C or SIGTERM.",
    footer = {"", "Without --config, Salvo reads conf/salvo.properties from its install"
        + " directory when that file exists, and uses built-in defaults otherwise."})
public final class SalvoServer implements Callable<Integer> {
  /** System property naming the install directory; the launch script sets it. */
  public static final String HOME_PROPERTY = "salvo.home";
  static final Path DEFAULT_CONFIG = Path.of("conf", "salvo.properties");
  private static final Path LOGBACK_CONFIG = Path.of("conf", "logback.xml");
  private static final String LOGBACK_PROPERTY = "logback.configurationFile";

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: conf/salvo.properties in the install"
          + " directory, if present).")
  private Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Overrides one configuration key; repeatable, wins over the file.")
  private Map<String, String> overrides = new LinkedHashMap<>();

  private final Path installDirectory;

  SalvoServer(Path installDirectory) {
    this.installDirectory = installDirectory;
  }

  public static void main(String[] args) {
    Path installDirectory = installDirectory();
    useInstalledLoggingConfiguration(installDirectory);
    System.exit(new CommandLine(new SalvoServer(installDirectory)).execute(args));
  }

  @Override
  public Integer call() {
    ServerRuntime runtime;
    try {
      ServerConfig config = ServerConfig.load(configFileToRead(), overrides);
      runtime = ServerRuntime.start(config, installDirectory);
    } catch (SalvoException e) {
      // The message says what to fix; a stack trace would only bury it.
      PrintWriter err = new PrintWriter(System.err, true);
      err.println("salvo: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        runtime.stop();
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(SalvoServer.class).error("Salvo did not stop cleanly", e);
        Runtime.getRuntime().halt(1);
      }
      // Ctrl-C and SIGTERM are how an operator asks the server to stop, so a clean stop is a
      // success: exit 0 rather than the JVM's 128 + signal number.
      Runtime.getRuntime().halt(0);
    }, "salvo-shutdown"));
    System.out.println("Salvo listening on " + runtime.httpUri());
    System.out.flush();
    runtime.awaitStop();
    return 0;
  }

  /** The explicit --config file, else the install's default file if there is one, else null. */
  Path configFileToRead() {
    if (configFile != null) {
      return configFile;
    }
    Path installed = installDirectory.resolve(DEFAULT_CONFIG);
    return Files.isRegularFile(installed) ? installed : null;
  }

  private static Path installDirectory() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().normalize();
  }

  /** Points logback at the install's conf/logback.xml unless told otherwise. */
  private static void useInstalledLoggingConfiguration(Path installDirectory) {
    Path logback = installDirectory.resolve(LOGBACK_CONFIG);
    if (System.getProperty(LOGBACK_PROPERTY) == null && Files.isRegularFile(logback)) {
      System.setProperty(LOGBACK_PROPERTY, logback.toString());
    }
  }

  /** Reports the version Maven stamped into the jar. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Salvo " + ServerVersion.current()};
    }
  }
}
