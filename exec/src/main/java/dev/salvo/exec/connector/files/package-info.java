/**
 * Files under the data directory read as tables, each a
 * {@link dev.salvo.exec.connector.TableSource}: CSV with inferred column types, Arrow IPC files,
 * and Parquet files read through Arrow's native dataset scanner.
 *
 * <pre>
 *   path or glob --FileLocations--> files inside the data directory
 *   .parquet files --ParquetTableSource.open--> footers: columns (ParquetColumn), row counts
 *   scan of one file (a split) --ScanOptions(columns, ParquetFilter as Substrait)--> Arrow C++
 *       --batches over the C data interface--> converted to Salvo types --> the scan's filter
 * </pre>
 */
package dev.salvo.exec.connector.files;
