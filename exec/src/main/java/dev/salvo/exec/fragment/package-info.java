/**
 * The seam for distribution: a plan cut into fragments at its exchanges, and fragments written
 * as JSON for another process to run.
 *
 * <pre>
 *  ExecNode plan ─ PlanFragmenter ─> FragmentedPlan: fragment 0 (the result), 1, 2, ...
 *                                      each: root plan, ExchangeInputNode leaves, FragmentOutput
 *  PlanFragment ─ PlanCodec.write ─> JSON (tables and UDFs as references, values by type)
 *  JSON ─ PlanCodec(PlanResolver).readFragment ─> PlanFragment, references resolved and checked
 * </pre>
 *
 * <p>The native runner does not use fragments: it runs the whole plan, exchanges included, on
 * one machine. A distributed runner (Apache Flink) is to run each fragment as a task per
 * partition and connect a fragment's output to the exchange inputs of the fragment it names.
 */
package dev.salvo.exec.fragment;
