package dev.salvo.udf.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.DataType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UdfOptionsTest {

  @Test
  void parsesEveryOption() {
    UdfOptions options = UdfOptions.parse(Map.of("batch_size", "64", "MAX_CONCURRENCY", "8",
        "gpus", "0.25", "use_process", "true", "max_retries", "3", "on_error", "log",
        "timeout", "30s", "idle_timeout", "5m", "retry_backoff", "250ms"));
    assertEquals(64, options.batchSize());
    assertEquals(8, options.maxConcurrency());
    assertEquals(0.25, options.gpus());
    assertTrue(options.useProcess());
    assertEquals(3, options.maxRetries());
    assertEquals(OnErrorPolicy.LOG, options.onError());
    assertEquals(Duration.ofSeconds(30), options.timeout());
    assertEquals(Duration.ofMinutes(5), options.idleTimeout());
    assertEquals(Duration.ofMillis(250), options.retryBackoff());
    assertEquals(Duration.ofMillis(1500), UdfOptions.parse(Map.of("timeout", "1.5")).timeout());
    assertFalse(UdfOptions.parse(Map.of()).useProcess());
  }

  @Test
  void rejectsUnknownKeysWrongTypesAndNegativeNumbers() {
    assertRejected(Map.of("batchsize", "4"), "batchsize");
    assertRejected(Map.of("batch_size", "four"), "batch_size");
    assertRejected(Map.of("max_concurrency", "-1"), "max_concurrency");
    assertRejected(Map.of("gpus", "-0.5"), "gpus");
    assertRejected(Map.of("gpus", "1.5"), "gpus");
    assertRejected(Map.of("use_process", "yes"), "use_process");
    assertRejected(Map.of("on_error", "explode"), "on_error");
    assertRejected(Map.of("timeout", "-5s"), "timeout");
    assertRejected(Map.of("idle_timeout", "soon"), "idle_timeout");
  }

  private static void assertRejected(Map<String, String> options, String key) {
    SalvoException error = assertThrows(SalvoException.class, () -> UdfOptions.parse(options));
    assertEquals(ErrorCode.INVALID_FUNCTION_OPTION, error.code());
    assertTrue(error.getMessage().contains(key), error.getMessage());
  }

  public static CompletableFuture<String> asyncMethod() {
    return null;
  }

  @Test
  void infersSqlTypesFromJavaSignatures() throws Exception {
    assertEquals(DataType.BIGINT, JavaTypeInference.dataTypeOf(long.class).orElseThrow());
    assertEquals(DataType.VARCHAR, JavaTypeInference.dataTypeOf(String.class).orElseThrow());
    assertEquals(DataType.VARCHAR, JavaTypeInference.inferReturnType(
        getClass().getMethod("asyncMethod").getGenericReturnType(), "f"));
    assertTrue(JavaTypeInference.accepts(long.class, DataType.INTEGER));
    assertFalse(JavaTypeInference.accepts(int.class, DataType.BIGINT));
    SalvoException error = assertThrows(SalvoException.class,
        () -> JavaTypeInference.inferReturnType(Object[].class, "f"));
    assertEquals(ErrorCode.INVALID_FUNCTION_DEFINITION, error.code());
  }
}
