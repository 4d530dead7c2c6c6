package dev.salvo.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bin/salvo-bench} command line: one subcommand per benchmark. */
@Command(name = "salvo-bench", mixinStandardHelpOptions = true,
    description = "Side-by-side benchmarks of Salvo.",
    subcommands = {TpchCommand.class, UdfCommand.class, MemoryCommand.class})
public final class SalvoBench implements Runnable {
  public static void main(String[] arguments) {
    int status = new CommandLine(new SalvoBench()).execute(arguments);
    // Engines leave non-daemon threads (gRPC, DuckDB) behind even when closed cleanly.
    System.exit(status);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }
}
