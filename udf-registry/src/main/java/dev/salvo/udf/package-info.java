/**
 * The function catalog and the UDF runtime: instance pools, concurrency limits, batching,
 * retries and error policy, following Daft's execution options.
 */
package dev.salvo.udf;
