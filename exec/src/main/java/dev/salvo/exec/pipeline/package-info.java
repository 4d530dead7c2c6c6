/**
 * Pipelines and the drivers that run them (the push-based, morsel-driven model).
 *
 * <pre>
 *   ExecNode tree ──PipelineBuilder──> pipelines with dependencies
 *
 *   pipeline:  SourceOperator ─> Operator ─> ... ─> SinkOperator
 *              (scan splits,     (filter,           (breaker state: partial aggregate,
 *               VALUES, a        project,            sorted run; or the query's bounded
 *               breaker's state)  limit)             result queue)
 *
 *   driver 1 ─┐
 *   driver 2 ─┼─ same pipeline, own operator instances; scan drivers claim splits from
 *   driver N ─┘  one shared queue, breakers combine their per-driver state at the end
 * </pre>
 *
 * <p>Contract shared by every operator: a pushed or returned batch belongs to the receiver,
 * which closes it exactly once, also when it throws; any exception fails the whole query, after
 * which the driver closes everything it holds; cancellation is checked by the driver between
 * batches; nothing on a streaming path buffers without bound, and a sink that cannot take more
 * returns a future from {@link dev.salvo.exec.pipeline.SinkOperator#isBlocked()} instead of
 * blocking the thread.
 */
package dev.salvo.exec.pipeline;
