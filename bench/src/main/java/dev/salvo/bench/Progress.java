package dev.salvo.bench;

import java.util.Locale;

/** Progress lines on stderr, each stamped with the seconds since the benchmark started. */
public final class Progress {
  private static final long START = System.nanoTime();

  private Progress() {}

  /** Prints one line: {@code [  12.3s] message}. */
  public static void say(String format, Object... arguments) {
    double seconds = (System.nanoTime() - START) / 1e9;
    System.err.printf(Locale.ROOT, "[%7.1fs] %s%n", seconds,
        arguments.length == 0 ? format : String.format(Locale.ROOT, format, arguments));
    System.err.flush();
  }

  /** Milliseconds since {@code startNanos}, for "done in N ms" lines. */
  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
