package dev.salvo.bench;

import java.util.List;

/** Salvo called in-process: {@code SalvoEngine.execute}, rows read from the Arrow batches. */
public final class SalvoEmbeddedEngine implements BenchEngine {
  private final SalvoHost host;

  public SalvoEmbeddedEngine(SalvoHost host) {
    this.host = host;
  }

  @Override
  public String name() {
    return "Salvo";
  }

  @Override
  public String queryText(int number) {
    return TpchQueryText.sql(number, host.tablePrefix());
  }

  @Override
  public List<List<Object>> run(String sql) {
    return host.execute(sql);
  }

  @Override
  public void close() {
    // The host belongs to the caller.
  }
}
