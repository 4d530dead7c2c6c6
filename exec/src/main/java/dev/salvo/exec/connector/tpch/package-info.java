/**
 * The built-in {@code tpch} catalog: TPC-H tables generated on the fly by the
 * {@code io.trino.tpch} generators, one schema per scale factor.
 *
 * <pre>
 *  TpchConnector (schema -> scale factor)
 *    └─ TpchTableSource (one table): row type, row estimate, splits = generator parts
 *         └─ TpchBatchReader (one split): generated rows -> TpchColumnWriter per requested
 *            column -> Arrow vectors, at most batchSize rows per Batch
 * </pre>
 *
 * <p>Money, quantities, discounts and taxes are exact DECIMAL(15, 2) values taken from the
 * generator's integer hundredths; dates are days since the epoch; every column is NOT NULL.
 */
package dev.salvo.exec.connector.tpch;
