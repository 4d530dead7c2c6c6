package dev.salvo.udf.runtime;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.function.ExternalCallListener;
import dev.salvo.exec.function.ExternalFunction;
import dev.salvo.exec.function.ExternalInvocation;
import dev.salvo.exec.runner.QueryContext;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.catalog.FunctionDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.vector.FieldVector;

/**
 * A registered function as the executor sees it: opening it for a query opens a
 * {@link FunctionHandle}, which pins the version current at that moment.
 */
public final class RuntimeExternalFunction implements ExternalFunction {
  /** Batches per driver when the function has no cap: enough to overlap calls, still bounded. */
  private static final int UNCAPPED_BATCHES_IN_FLIGHT = 4;
  private static final int MOST_BATCHES_IN_FLIGHT = 64;

  private final UdfRuntime runtime;
  private final FunctionDefinition definition;
  private final String definitionId;

  /** {@code definition} as resolved by {@link UdfRuntime#register}, with its return type. */
  public RuntimeExternalFunction(UdfRuntime runtime, FunctionDefinition definition) {
    this.runtime = runtime;
    this.definition = definition;
    this.definitionId = definitionId(definition);
  }

  /**
   * A digest of everything that decides what the function does: signature, class, method, the
   * jars by file name (copies are named after their content, so the name stands for the code
   * wherever the data directory is) and the options.
   */
  static String definitionId(FunctionDefinition definition) {
    String text = String.join("\n", definition.name(),
        definition.argumentTypes().toString(), String.valueOf(definition.returnType()),
        definition.className(), definition.methodName(),
        definition.jars().stream().map(jar -> String.valueOf(jar.getFileName())).toList()
            .toString(),
        definition.options().toString());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  @Override
  public String name() {
    return definition.name();
  }

  @Override
  public List<DataType> argumentTypes() {
    return definition.argumentTypes();
  }

  @Override
  public DataType returnType() {
    return definition.returnType();
  }

  @Override
  public String definitionId() {
    return definitionId;
  }

  /** The definition this function runs. */
  public FunctionDefinition definition() {
    return definition;
  }

  @Override
  public int batchesInFlightPerDriver(int driversPerPipeline) {
    var cap = definition.options().concurrencyCap();
    if (cap.isEmpty()) {
      return UNCAPPED_BATCHES_IN_FLIGHT;
    }
    // One more than an even share, so the drivers together can always reach the cap.
    int share = (cap.getAsInt() + driversPerPipeline - 1) / driversPerPipeline + 1;
    return Math.min(share, MOST_BATCHES_IN_FLIGHT);
  }

  /**
   * Opens the version current now; one whose signature differs from the planned one (replaced
   * between planning and execution) fails the query rather than misread its vectors.
   */
  @Override
  public ExternalInvocation open(QueryContext context, ExternalCallListener listener) {
    FunctionHandle handle = runtime.open(definition.name());
    FunctionDefinition current = handle.definition();
    if (!current.argumentTypes().equals(definition.argumentTypes())
        || !current.returnType().equals(definition.returnType())) {
      handle.close();
      throw new SalvoException(ErrorCode.FUNCTION_NOT_FOUND, "Function " + definition.name()
          + " was replaced with another signature while the query was being planned;"
          + " run the query again");
    }
    return new ExternalInvocation() {
      @Override
      public CompletableFuture<FieldVector> evaluateAsync(List<FieldVector> arguments,
          int rowCount) {
        return handle.evaluateAsync(arguments, rowCount, context, listener);
      }

      @Override
      public void close() {
        handle.close();
      }
    };
  }

  /** The same definition on the same runtime is the same function. */
  @Override
  public boolean equals(Object other) {
    return other instanceof RuntimeExternalFunction that && runtime == that.runtime
        && definition.equals(that.definition);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(runtime) * 31 + definition.hashCode();
  }

  @Override
  public String toString() {
    return definition.name();
  }
}
