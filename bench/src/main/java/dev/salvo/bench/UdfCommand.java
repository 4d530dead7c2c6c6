package dev.salvo.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code salvo-bench udf}: the UDF concurrency table through SQL on Salvo. */
@Command(name = "udf", mixinStandardHelpOptions = true,
    description = "UDF concurrency: sequential, async, batch, class and CPU-bound UDFs in SQL.")
public final class UdfCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("UDF benchmark not written yet");
    return 2;
  }
}
