package dev.salvo.exec.runner;

import dev.salvo.exec.plan.ExecNode;

/**
 * Executes plans. The native runner uses a thread pool on this machine; a distributed runner
 * can take the same plans later.
 */
public interface QueryRunner extends AutoCloseable {
  /**
   * Starts executing {@code plan} and returns at once; the result arrives through the stream.
   * Errors during execution surface from {@link ResultStream#next()}.
   */
  ResultStream execute(ExecNode plan, QueryContext context);

  @Override
  void close();
}
