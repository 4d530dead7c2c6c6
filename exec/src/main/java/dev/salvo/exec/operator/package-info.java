/**
 * The operators pipelines are made of, one sub-package per kind.
 *
 * <pre>
 *   scan       TableScanSourceFactory    source: claims splits, applies the pushed filter
 *   values     ValuesSourceFactory       source: constant rows
 *   filter     FilterOperatorFactory     streaming: keeps TRUE rows (RowFilter compacts)
 *   project    ProjectOperatorFactory    streaming: one column per expression
 *   limit      LimitOperatorFactory      streaming: OFFSET/FETCH over the whole stream
 *   aggregate  HashAggregationSink/SourceFactory   breaker: partial tables, merged at the end
 *   sort       SortSink/SourceFactory    breaker: sorted runs per driver (top-N), k-way merge
 * </pre>
 */
package dev.salvo.exec.operator;
