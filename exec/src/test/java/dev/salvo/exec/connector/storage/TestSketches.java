package dev.salvo.exec.connector.storage;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Map;

/** Distinct-value sketches of known values, for tests that need statistics without files. */
public final class TestSketches {
  private TestSketches() {}

  /** Sketches of column {@code column} holding the integers {@code first..first+count-1}. */
  public static DistinctValueSketches ofRange(int column, long first, long count) {
    UltraLogLog sketch = UltraLogLog.create(DistinctValueSketches.PRECISION);
    for (long value = first; value < first + count; value++) {
      sketch.add(Hashing.komihash5_0().hashLongToLong(value));
    }
    return DistinctValueSketches.of(Map.of(column, sketch));
  }
}
