package dev.salvo.udf.runtime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One class loader per set of jar files as they are now: functions over the same unchanged jars
 * share classes (and static state, as methods of one class expect); a rewritten jar gets a fresh
 * loader. The parent is the server's loader, so the author API's classes are shared.
 */
final class UdfClassLoaders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdfClassLoaders.class);

  private final Map<List<String>, URLClassLoader> loaders = new HashMap<>();

  synchronized ClassLoader loaderFor(String functionName, List<Path> jars) {
    if (jars.isEmpty()) {
      return UdfClassLoaders.class.getClassLoader();
    }
    List<String> key = new ArrayList<>();
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      Path absolute = jar.toAbsolutePath();
      try {
        key.add(absolute + "@" + Files.getLastModifiedTime(absolute).toMillis() + ":"
            + Files.size(absolute));
        urls.add(absolute.toUri().toURL());
      } catch (IOException e) {
        throw new SalvoException(ErrorCode.INVALID_FUNCTION_DEFINITION, "Function "
            + functionName + ": cannot read jar " + jar + ": " + e.getMessage(), e);
      }
    }
    return loaders.computeIfAbsent(key, k -> new URLClassLoader("udf:" + functionName,
        urls.toArray(URL[]::new), UdfClassLoaders.class.getClassLoader()));
  }

  @Override
  public synchronized void close() {
    for (URLClassLoader loader : loaders.values()) {
      try {
        loader.close();
      } catch (IOException e) {
        LOG.warn("Closing a UDF class loader failed", e);
      }
    }
    loaders.clear();
  }
}
