package dev.salvo.udf.api;

/**
 * The per-thread slot behind {@link UdfContext#current()}; the runtime fills it around each call,
 * UDF code only reads it.
 */
public final class UdfContextHolder {
  private static final ThreadLocal<UdfContext> CURRENT = new ThreadLocal<>();

  private UdfContextHolder() {}

  /** The context of the call on this thread, or null outside a call. */
  public static UdfContext get() {
    return CURRENT.get();
  }

  /** Sets the context of the call about to run on this thread (null clears it). */
  public static void set(UdfContext context) {
    if (context == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(context);
    }
  }
}
