package dev.salvo.udf.runtime;

import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import dev.salvo.udf.api.UdfContext;
import dev.salvo.udf.api.UdfContextHolder;
import dev.salvo.udf.catalog.JavaTypeInference;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;

/**
 * A UDF's Java method found by reflection ({@code com.acme.Cls#method}), its shape, and how to
 * call it over Arrow vectors. Used in the server and, for {@code use_process}, in worker JVMs.
 */
public final class UdfMethod {
  private final String functionName;
  private final Class<?> udfClass;
  private final Method method;
  private final UdfShape shape;
  private final List<DataType> argumentTypes;
  private final DataType returnType;

  private UdfMethod(String functionName, Class<?> udfClass, Method method, UdfShape shape,
      List<DataType> argumentTypes, DataType returnType) {
    this.functionName = functionName;
    this.udfClass = udfClass;
    this.method = method;
    this.shape = shape;
    this.argumentTypes = List.copyOf(argumentTypes);
    this.returnType = returnType;
  }

  /**
   * Finds the public method {@code methodName} of {@code className} taking one parameter per
   * argument, and reads its shape; {@code returnType} null means infer it.
   *
   * @throws SalvoException INVALID_FUNCTION_DEFINITION when the class or a fitting method is
   *     missing, or several fit
   */
  public static UdfMethod resolve(ClassLoader loader, String functionName, String className,
      String methodName, List<DataType> argumentTypes, DataType returnType) {
    Class<?> udfClass;
    try {
      udfClass = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw invalid("Function " + functionName + ": class " + className + " not found", e);
    }
    List<Method> candidates = new ArrayList<>();
    for (Method candidate : udfClass.getMethods()) {
      if (candidate.getName().equals(methodName)
          && candidate.getParameterCount() == argumentTypes.size()
          && candidate.getDeclaringClass() != Object.class) {
        candidates.add(candidate);
      }
    }
    if (candidates.size() > 1) {
      candidates.removeIf(candidate -> !fits(candidate, argumentTypes));
    }
    if (candidates.isEmpty()) {
      throw invalid("Function " + functionName + ": " + className + " has no public method "
          + methodName + " taking " + argumentTypes.size() + " argument(s)", null);
    }
    if (candidates.size() > 1) {
      throw invalid("Function " + functionName + ": several methods " + className + "#"
          + methodName + " fit " + argumentTypes, null);
    }
    Method method = candidates.get(0);
    UdfShape shape = shapeOf(method);
    if (shape != UdfShape.BATCH) {
      Class<?>[] parameters = method.getParameterTypes();
      for (int i = 0; i < parameters.length; i++) {
        if (!JavaTypeInference.accepts(parameters[i], argumentTypes.get(i))) {
          throw invalid("Function " + functionName + ": argument " + (i + 1) + " is "
              + argumentTypes.get(i) + " but " + method + " takes " + parameters[i].getName(),
              null);
        }
      }
    }
    DataType resolvedReturn = returnType;
    if (resolvedReturn == null) {
      if (shape == UdfShape.BATCH) {
        throw invalid("Function " + functionName
            + " is a batch function returning a vector: declare its type with RETURNS", null);
      }
      resolvedReturn = JavaTypeInference.inferReturnType(method.getGenericReturnType(),
          functionName);
    }
    if (!Modifier.isStatic(method.getModifiers()) && !Modifier.isPublic(udfClass.getModifiers())) {
      throw invalid("Function " + functionName + ": class " + className + " must be public", null);
    }
    method.setAccessible(true);
    return new UdfMethod(functionName, udfClass, method, shape, argumentTypes, resolvedReturn);
  }

  private static boolean fits(Method candidate, List<DataType> argumentTypes) {
    if (shapeOf(candidate) == UdfShape.BATCH) {
      return true;
    }
    Class<?>[] parameters = candidate.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      if (!JavaTypeInference.accepts(parameters[i], argumentTypes.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static UdfShape shapeOf(Method method) {
    if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
      return UdfShape.ASYNC;
    }
    if (ValueVector.class.isAssignableFrom(method.getReturnType())) {
      return UdfShape.BATCH;
    }
    return UdfShape.ROW;
  }

  public UdfShape shape() {
    return shape;
  }

  /** Whether calls need an instance of the class ({@code @daft.cls}) rather than none. */
  public boolean isStateful() {
    return !Modifier.isStatic(method.getModifiers());
  }

  public DataType returnType() {
    return returnType;
  }

  public List<DataType> argumentTypes() {
    return argumentTypes;
  }

  /**
   * Creates the object a stateful method runs on, through its {@code (UdfContext)} constructor
   * or else its no-argument one; returns null for a static method.
   */
  public Object newInstance(UdfContext context) throws Exception {
    if (!isStateful()) {
      return null;
    }
    UdfContextHolder.set(context);
    try {
      Constructor<?> constructor;
      try {
        constructor = udfClass.getConstructor(UdfContext.class);
        return constructor.newInstance(context);
      } catch (NoSuchMethodException e) {
        constructor = udfClass.getConstructor();
        return constructor.newInstance();
      }
    } catch (InvocationTargetException e) {
      throw asException(e.getCause());
    } finally {
      UdfContextHolder.set(null);
    }
  }

  /**
   * Calls the method over {@code rowCount} rows. Row-wise and async failures are per row in the
   * result; a batch method that throws fails the whole call.
   *
   * @param inFlight caps async rows in flight across every caller, or null for no cap
   * @param timeoutMillis per async row, or 0 for none (row and batch calls are timed by the
   *     caller through {@link CallWatch})
   */
  public InvocationResult invoke(Object target, InstanceContext context, CallWatch watch,
      List<FieldVector> arguments, int rowCount, Semaphore inFlight, long timeoutMillis,
      BufferAllocator allocator) throws UdfCallException, InterruptedException {
    return switch (shape) {
      case ROW -> invokeRows(target, context, watch, arguments, rowCount, allocator);
      case ASYNC -> invokeAsync(target, context, arguments, rowCount, inFlight, timeoutMillis,
          allocator);
      case BATCH -> invokeBatch(target, context, watch, arguments, rowCount, allocator);
    };
  }

  private InvocationResult invokeRows(Object target, InstanceContext context, CallWatch watch,
      List<FieldVector> arguments, int rowCount, BufferAllocator allocator)
      throws InterruptedException {
    FieldVector output = newOutput(allocator, rowCount);
    Map<Integer, Throwable> errors = new HashMap<>();
    UdfContextHolder.set(context);
    try {
      for (int row = 0; row < rowCount; row++) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        Object[] values = rowArguments(arguments, row);
        if (values == null) {
          continue;
        }
        watch.start();
        try {
          VectorValues.set(output, row, method.invoke(target, values));
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
          }
          errors.put(row, e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
          errors.put(row, e);
        } finally {
          watch.stop();
        }
      }
      output.setValueCount(rowCount);
      return InvocationResult.of(output, errors);
    } catch (InterruptedException | RuntimeException e) {
      output.close();
      throw e;
    } finally {
      UdfContextHolder.set(null);
    }
  }

  private InvocationResult invokeAsync(Object target, InstanceContext context,
      List<FieldVector> arguments, int rowCount, Semaphore inFlight, long timeoutMillis,
      BufferAllocator allocator) throws InterruptedException {
    Object[] results = new Object[rowCount];
    Map<Integer, Throwable> errors = new java.util.concurrent.ConcurrentHashMap<>();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    UdfContextHolder.set(context);
    try {
      for (int row = 0; row < rowCount; row++) {
        Object[] values = rowArguments(arguments, row);
        if (values == null) {
          continue;
        }
        if (inFlight != null) {
          inFlight.acquire();
        }
        int resultRow = row;
        CompletableFuture<?> future;
        try {
          CompletionStage<?> stage = (CompletionStage<?>) method.invoke(target, values);
          future = stage == null ? CompletableFuture.completedFuture(null)
              : stage.toCompletableFuture();
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
          if (inFlight != null) {
            inFlight.release();
          }
          errors.put(row, e instanceof InvocationTargetException ite ? ite.getCause() : e);
          continue;
        }
        if (timeoutMillis > 0) {
          future = future.copy().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        pending.add(future.whenComplete((value, error) -> {
          if (inFlight != null) {
            inFlight.release();
          }
          if (error != null) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException
                && error.getCause() != null ? error.getCause() : error;
            errors.put(resultRow, cause instanceof TimeoutException
                ? new TimeoutException("timed out after " + timeoutMillis + " ms") : cause);
          } else {
            results[resultRow] = value;
          }
        }).exceptionally(error -> null));
      }
    } finally {
      UdfContextHolder.set(null);
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      // Every failure was recorded per row above.
    } catch (InterruptedException e) {
      pending.forEach(future -> future.cancel(true));
      throw e;
    }
    FieldVector output = newOutput(allocator, rowCount);
    try {
      for (int row = 0; row < rowCount; row++) {
        if (!errors.containsKey(row)) {
          VectorValues.set(output, row, results[row]);
        }
      }
      output.setValueCount(rowCount);
    } catch (RuntimeException e) {
      output.close();
      throw e;
    }
    return InvocationResult.of(output, errors);
  }

  private InvocationResult invokeBatch(Object target, InstanceContext context, CallWatch watch,
      List<FieldVector> arguments, int rowCount, BufferAllocator allocator)
      throws UdfCallException, InterruptedException {
    Class<?>[] parameters = method.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      if (!parameters[i].isInstance(arguments.get(i))) {
        throw new UdfCallException("argument " + (i + 1) + " is a "
            + arguments.get(i).getClass().getSimpleName() + " but " + method.getName()
            + " takes " + parameters[i].getSimpleName(), null, false);
      }
    }
    Object result;
    UdfContextHolder.set(context);
    watch.start();
    try {
      result = method.invoke(target, arguments.toArray());
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw new UdfCallException(describe(e.getCause()), e.getCause(), false);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new UdfCallException(describe(e), e, false);
    } finally {
      watch.stop();
      UdfContextHolder.set(null);
    }
    if (!(result instanceof FieldVector vector)) {
      throw new UdfCallException(method.getName() + " returned "
          + (result == null ? "null" : result.getClass().getName()) + " instead of a vector",
          null, false);
    }
    try (vector) {
      if (vector.getValueCount() != rowCount) {
        throw new UdfCallException(method.getName() + " returned " + vector.getValueCount()
            + " values for " + rowCount + " rows", null, false);
      }
      // Copy into a vector of the declared type, from the caller's allocator: the UDF may have
      // built another vector class or allocated elsewhere.
      FieldVector output = newOutput(allocator, rowCount);
      try {
        for (int row = 0; row < rowCount; row++) {
          VectorValues.set(output, row, VectorValues.get(vector, row));
        }
        output.setValueCount(rowCount);
        return InvocationResult.of(output, Map.of());
      } catch (RuntimeException e) {
        output.close();
        throw new UdfCallException("cannot read the vector " + method.getName() + " returned as "
            + returnType + ": " + describe(e), e, false);
      }
    }
  }

  /** Java values for one row, or null when a NULL meets a primitive parameter (result NULL). */
  private Object[] rowArguments(List<FieldVector> arguments, int row) {
    Class<?>[] parameters = method.getParameterTypes();
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      Object value = VectorValues.get(arguments.get(i), row);
      if (value == null && parameters[i].isPrimitive()) {
        return null;
      }
      values[i] = JavaValues.convert(value, parameters[i]);
    }
    return values;
  }

  private FieldVector newOutput(BufferAllocator allocator, int rowCount) {
    FieldVector output = returnType.toField(functionName).createVector(allocator);
    output.setInitialCapacity(Math.max(rowCount, 1));
    output.allocateNew();
    return output;
  }

  /** A cause's class and message, as error messages and the error log show it. */
  public static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    String message = error.getMessage();
    if (error instanceof RemoteUdfException) {
      return message;
    }
    return message == null ? error.getClass().getName()
        : error.getClass().getSimpleName() + ": " + message;
  }

  private static Exception asException(Throwable error) {
    if (error instanceof Exception exception) {
      return exception;
    }
    return new RuntimeException(describe(error), error);
  }

  private static SalvoException invalid(String message, Throwable cause) {
    return new SalvoException(ErrorCode.INVALID_FUNCTION_DEFINITION, message, cause);
  }

  @Override
  public String toString() {
    return udfClass.getName() + "#" + method.getName() + Arrays.toString(
        method.getParameterTypes()) + " " + shape;
  }
}
