package dev.salvo.udf.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One row a UDF failed on under {@code on_error = 'log'}: a row of {@code system.udf_errors}.
 *
 * @param row the row number within the batch the operator handed over
 * @param arguments the row's argument values as text (null for SQL NULL)
 */
public record UdfErrorRecord(Instant time, String queryId, String function, long version,
    int row, String error, List<String> arguments) {}
