package dev.salvo.udf.runtime;

/** A UDF failure that happened in a worker process, carrying the worker's description of it. */
public final class RemoteUdfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RemoteUdfException(String description) {
    super(description);
  }
}
