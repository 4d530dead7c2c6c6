package dev.salvo.udf.runtime;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.arrow.vector.FieldVector;

/**
 * What one call on an instance produced: a result vector (NULL where a row failed) and the rows
 * that failed, by row number within the call, with their causes. The receiver owns the vector.
 */
public record InvocationResult(FieldVector values, SortedMap<Integer, Throwable> rowErrors) {

  public InvocationResult {
    rowErrors = new TreeMap<>(rowErrors);
  }

  public static InvocationResult of(FieldVector values, Map<Integer, Throwable> rowErrors) {
    return new InvocationResult(values, new TreeMap<>(rowErrors));
  }
}
