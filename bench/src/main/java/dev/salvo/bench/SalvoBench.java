package dev.salvo.bench;

import dev.salvo.exec.error.SalvoException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bin/salvo-bench} command line: one subcommand per benchmark. */
@Command(name = "salvo-bench", mixinStandardHelpOptions = true,
    description = "Side-by-side benchmarks of Salvo.",
    subcommands = {TpchCommand.class, UdfCommand.class, MemoryCommand.class})
public final class SalvoBench implements Runnable {
  public static void main(String[] arguments) {
    CommandLine commandLine = new CommandLine(new SalvoBench());
    commandLine.setExecutionExceptionHandler(SalvoBench::report);
    int status = commandLine.execute(arguments);
    // Engines leave non-daemon threads (gRPC, DuckDB) behind even when closed cleanly.
    System.exit(status);
  }

  /**
   * Says what went wrong in a line per distinct cause (a data directory in use by a running
   * server, a missing file); a stack trace only for failures Salvo did not describe itself.
   */
  private static int report(Exception error, CommandLine commandLine,
      CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (!(error instanceof SalvoException)) {
      error.printStackTrace(err);
      return 1;
    }
    err.println("salvo-bench: " + error.getMessage());
    String previous = error.getMessage();
    for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && (previous == null || !previous.contains(message))) {
        err.println("  caused by: " + message);
        previous = message;
      }
    }
    return 1;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
