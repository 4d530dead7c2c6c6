package dev.salvo.exec.connector.tpch;

import dev.salvo.exec.connector.TableSplit;

/** Part {@code part} (1-based) of {@code partCount} equal parts of a generated TPC-H table. */
record TpchSplit(int part, int partCount) implements TableSplit {
  TpchSplit {
    if (part < 1 || part > partCount) {
      throw new IllegalArgumentException("part " + part + " of " + partCount);
    }
  }

  @Override
  public String describe() {
    return "tpch part " + part + "/" + partCount;
  }
}
