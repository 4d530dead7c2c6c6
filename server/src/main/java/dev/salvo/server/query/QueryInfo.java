package dev.salvo.server.query;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.RowType;
import java.time.Instant;
import java.util.Map;

/**
 * A consistent snapshot of one query: who submitted what, where it is in its life, and how far it
 * got. What the status pages, {@code GET /v1/queries} and {@code system.queries} show.
 *
 * @param id the query's id
 * @param user who submitted it
 * @param state where it is in its life
 * @param sql its text
 * @param properties the session properties it was submitted with
 * @param rowType its result's columns; null when it could not be planned
 * @param createdAt when it was submitted
 * @param startedAt when it started running; null until then
 * @param endedAt when it reached its final state; null until then
 * @param queuedMillis time spent waiting for a running slot (so far)
 * @param elapsedMillis time from submission to its end (or to now)
 * @param outputRows result rows produced
 * @param outputBatches result batches produced
 * @param outputBytes Arrow bytes of the result produced
 * @param scannedRows rows read from tables
 * @param splitsCompleted table splits read to the end
 * @param splitsTotal table splits to read, known once it started
 * @param percent how much of its input it has read, 0 to 100; NaN when unknown
 * @param memoryBytes Arrow memory it holds now
 * @param peakMemoryBytes the most Arrow memory it held at once
 * @param udfCallsCompleted UDF calls that returned
 * @param udfCallErrors UDF calls that failed
 * @param udfCallsInFlight UDF calls under way
 * @param error why it failed or was cancelled; null otherwise
 * @param resultsExpired whether its unread results were released for want of a client
 */
public record QueryInfo(String id, String user, QueryState state, String sql,
    Map<String, String> properties, RowType rowType, Instant createdAt, Instant startedAt,
    Instant endedAt, long queuedMillis, long elapsedMillis, long outputRows, long outputBatches,
    long outputBytes, long scannedRows, long splitsCompleted, long splitsTotal, double percent,
    long memoryBytes, long peakMemoryBytes, long udfCallsCompleted, long udfCallErrors,
    long udfCallsInFlight, SalvoException error, boolean resultsExpired) {}
