/**
 * The executor's contract for functions implemented outside it (user-defined functions): a plan
 * refers to an {@link dev.salvo.exec.function.ExternalFunction}, the operator that evaluates it
 * opens one {@link dev.salvo.exec.function.ExternalInvocation} per query and keeps a bounded
 * number of batches in flight without blocking its driver's thread.
 */
package dev.salvo.exec.function;
