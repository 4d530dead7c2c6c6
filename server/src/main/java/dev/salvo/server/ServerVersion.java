package dev.salvo.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this Salvo build, as Maven stamped it into the jar. */
public final class ServerVersion {
  private static final String VERSION = readVersion();

  private ServerVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream input = ServerVersion.class.getResourceAsStream("version.properties")) {
      if (input == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(input);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
