package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import org.apache.arrow.dataset.jni.JniLoader;

/**
 * Loads Arrow's native dataset library (bundled in the arrow-dataset jar, unpacked to the
 * temporary directory on first use), turning a failure into an error that says why.
 */
final class ArrowNative {
  private ArrowNative() {}

  static void ensureLoaded() {
    try {
      JniLoader.get().ensureLoaded();
    } catch (LinkageError | RuntimeException e) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Reading Parquet needs Arrow's native"
          + " dataset library, which could not be loaded on this machine ("
          + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e, e);
    }
  }
}
