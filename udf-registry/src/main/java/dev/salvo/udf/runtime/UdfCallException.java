package dev.salvo.udf.runtime;

/**
 * A call that failed as a whole (a batch UDF threw, the call timed out, the worker process
 * died): no row of it has a result. {@code instanceLost} says the instance must be discarded.
 */
public final class UdfCallException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean instanceLost;

  public UdfCallException(String message, Throwable cause, boolean instanceLost) {
    super(message, cause);
    this.instanceLost = instanceLost;
  }

  public boolean instanceLost() {
    return instanceLost;
  }
}
