package dev.salvo.exec.operator.join;

import dev.salvo.exec.operator.aggregate.KeyColumn;
import org.apache.arrow.vector.FieldVector;

/**
 * Lets the scan at the bottom of a join's probe side drop the rows whose key no build row has,
 * before anything copies them: a selective join (Q3 keeps 1% of the lineitem rows its filter
 * passes) otherwise has every passing row compacted, carried through the operators between and
 * probed. It asks the finished build side's table; the probe pipeline starts only once that is
 * built. A driver stops asking once most rows it asked about were kept: the join then drops
 * too few of them to repay the question.
 */
public final class JoinKeyFilter {
  /** The rows a driver asks about before it judges whether asking pays. */
  private static final long TRIAL_ROWS = 1 << 16;

  private final HashJoinBuildSinkFactory build;

  public JoinKeyFilter(HashJoinBuildSinkFactory build) {
    this.build = build;
  }

  /** One driver's use of the filter; not thread-safe. */
  public Driver forDriver() {
    return new Driver();
  }

  /** Filters one driver's batches. */
  public final class Driver {
    private KeyColumn key;
    private long[] hashes = new long[0];
    private long asked;
    private long kept;

    private Driver() {}

    /**
     * Keeps of rows {@code selected[0..count)} of a batch of {@code rowCount} rows those whose
     * key (a value of {@code keyVector}) some build row may have; returns how many that is.
     */
    public int keep(FieldVector keyVector, int rowCount, int[] selected, int count) {
      if (count == 0 || asked >= TRIAL_ROWS && kept * 2 > asked) {
        return count;
      }
      JoinHashTable table = build.table();
      if (key == null) {
        key = table.probeKeys()[0];
      }
      if (hashes.length < rowCount) {
        hashes = new long[rowCount];
      }
      key.load(keyVector, rowCount);
      int left = table.keepPossibleMatches(key, rowCount, hashes, selected, count);
      asked += count;
      kept += left;
      return left;
    }
  }
}
