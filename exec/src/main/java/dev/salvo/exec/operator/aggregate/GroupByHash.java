package dev.salvo.exec.operator.aggregate;

import dev.salvo.exec.type.DataType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Assigns a dense group id (0, 1, 2, ...) to every distinct combination of key values, a whole
 * batch at a time: hash every key column into one hash per row, then probe an open-addressing
 * table. With no key columns every row belongs to the single group 0, which always exists.
 */
final class GroupByHash {
  private static final long HASH_BITS = 0xFFFF_FFFF_0000_0000L;
  private final KeyColumn[] keys;
  private int groupCount;
  private long[] groupHashes = new long[16];
  /**
   * Open-addressing slots: the high 32 bits of the group's hash over group id + 1, 0 marking an
   * empty slot. Comparing the hash bits in the slot itself spares most probes a look at
   * {@link #groupHashes} and the keys, which are elsewhere in memory.
   */
  private long[] slots = new long[64];
  private int mask = slots.length - 1;
  private long[] rowHashes = new long[0];
  private int[] groupIds = new int[0];
  /** Each row's slot as read before any row of the batch is resolved (see {@link #lookUp}). */
  private long[] rowSlots = new long[0];
  /**
   * Each group's key words ({@link KeyColumn#storedWord}), one per key column: while every key
   * of a batch fits a word, rows are matched to groups by comparing words, not by asking each
   * key column (a call per column and row, which Q1's two one-letter keys spent most of their
   * grouping time on).
   */
  private long[] groupWords = new long[16];
  /** Set once a group with a NULL key exists: its word means nothing, so words are not used. */
  private boolean nullKeyGroup;
  private final long[][] rowWords;
  /** Small-domain grouping while the keys allow it (see {@link DirectGroups}); else null. */
  private DirectGroups direct;
  private int[] codes = new int[0];

  GroupByHash(List<DataType> keyTypes) {
    keys = new KeyColumn[keyTypes.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = KeyColumn.create(keyTypes.get(i));
    }
    groupCount = keys.length == 0 ? 1 : 0;
    rowWords = new long[keys.length][];
    groupWords = new long[16 * Math.max(keys.length, 1)];
    direct = keys.length == 0 ? null : new DirectGroups();
  }

  int groupCount() {
    return groupCount;
  }

  int keyCount() {
    return keys.length;
  }

  /**
   * The group id of each of the first {@code rowCount} rows of the key vectors, adding new
   * groups as needed. The returned array is reused by the next call.
   */
  int[] groupIds(List<FieldVector> keyVectors, int rowCount) {
    if (groupIds.length < rowCount) {
      groupIds = new int[Math.max(rowCount, 64)];
      rowHashes = new long[groupIds.length];
      rowSlots = new long[groupIds.length];
      codes = new int[groupIds.length];
    }
    if (keys.length == 0) {
      Arrays.fill(groupIds, 0, rowCount, 0);
      return groupIds;
    }
    boolean byWords = !nullKeyGroup;
    for (int k = 0; k < keys.length; k++) {
      keys[k].load(keyVectors.get(k), rowCount);
      rowWords[k] = keys[k].loadedWords();
      byWords &= rowWords[k] != null;
    }
    if (byWords && direct != null && direct.lookUp(rowCount)) {
      return groupIds;
    }
    hashRows(rowCount);
    if (!mostlyRuns(rowCount)) {
      lookUp(rowCount, byWords);
      return groupIds;
    }
    // Rows often come in runs of one key (lineitem is stored in order of its orders): a row
    // with the previous row's key takes its group without a lookup in the table.
    int previousGroup = -1;
    long previousHash = 0;
    for (int row = 0; row < rowCount; row++) {
      long hash = rowHashes[row];
      boolean samePrevious = hash == previousHash && previousGroup >= 0
          && matches(previousGroup, row, byWords);
      int group = samePrevious ? previousGroup : findOrInsert(hash, row, byWords);
      groupIds[row] = group;
      previousGroup = group;
      previousHash = hash;
    }
    return groupIds;
  }

  private void hashRows(int rowCount) {
    Arrays.fill(rowHashes, 0, rowCount, 0L);
    for (KeyColumn key : keys) {
      key.hash(rowHashes, rowCount);
    }
    for (int row = 0; row < rowCount; row++) {
      rowHashes[row] = finalMix(rowHashes[row]);
    }
  }

  /**
   * Whether most rows hash as the row before them. Only then does the look at the previous
   * row's group pay: where keys change often (Q1's four groups, mixed) that test goes either way
   * at random, and its mispredicted branch costs more than the table lookup it saves.
   */
  private boolean mostlyRuns(int rowCount) {
    int repeats = 0;
    for (int row = 1; row < rowCount; row++) {
      repeats += rowHashes[row] == rowHashes[row - 1] ? 1 : 0;
    }
    return repeats * 4L >= rowCount * 3L;
  }

  /**
   * Finds every row's group, in passes so that the cache misses of a big table overlap: first
   * each row's slot is read (the loads of different rows do not wait for each other), then the
   * group it names is checked and, where that fails, looked up or added as usual. A slot read
   * before an earlier row of the batch added a group or grew the table may be stale; a group
   * whose key matches the row is the row's group all the same.
   */
  private void lookUp(int rowCount, boolean byWords) {
    for (int row = 0; row < rowCount; row++) {
      rowSlots[row] = slots[(int) rowHashes[row] & mask];
    }
    for (int row = 0; row < rowCount; row++) {
      long entry = rowSlots[row];
      long hash = rowHashes[row];
      int group = (int) entry - 1;
      boolean found = entry != 0 && (entry & HASH_BITS) == (hash & HASH_BITS)
          && groupHashes[group] == hash && matches(group, row, byWords);
      groupIds[row] = found ? group : findOrInsert(hash, row, byWords);
    }
  }

  private boolean matches(int group, int row, boolean byWords) {
    return byWords ? wordsMatch(group, row) : keysMatch(group, row);
  }

  private boolean wordsMatch(int group, int row) {
    int first = group * keys.length;
    for (int k = 0; k < keys.length; k++) {
      if (groupWords[first + k] != rowWords[k][row]) {
        return false;
      }
    }
    return true;
  }

  private int findOrInsert(long hash, int row, boolean byWords) {
    int slot = (int) hash & mask;
    long tag = hash & HASH_BITS;
    while (true) {
      long entry = slots[slot];
      if (entry == 0) {
        return insert(hash, row, slot);
      }
      int group = (int) entry - 1;
      if ((entry & HASH_BITS) == tag && groupHashes[group] == hash
          && matches(group, row, byWords)) {
        return group;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean keysMatch(int group, int row) {
    for (KeyColumn key : keys) {
      if (!key.matches(group, row)) {
        return false;
      }
    }
    return true;
  }

  private int insert(long hash, int row, int slot) {
    int group = groupCount++;
    if (group == groupHashes.length) {
      groupHashes = Arrays.copyOf(groupHashes, group * 2);
    }
    groupHashes[group] = hash;
    if ((group + 1) * keys.length > groupWords.length) {
      groupWords = Arrays.copyOf(groupWords, groupWords.length * 2);
    }
    for (int k = 0; k < keys.length; k++) {
      keys[k].append(row);
      groupWords[group * keys.length + k] = keys[k].storedWord(group);
      nullKeyGroup |= keys[k].isStoredNull(group);
    }
    slots[slot] = (hash & HASH_BITS) | (group + 1);
    if (groupCount * 2 > slots.length) {
      rehash();
    }
    return group;
  }

  private void rehash() {
    slots = new long[slots.length * 2];
    mask = slots.length - 1;
    for (int group = 0; group < groupCount; group++) {
      long hash = groupHashes[group];
      int slot = (int) hash & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = (hash & HASH_BITS) | (group + 1);
    }
  }

  /** Writes the keys of groups {@code [first, first + count)} into rows 0.. of the targets. */
  void writeKeys(List<FieldVector> targets, int first, int count) {
    for (int k = 0; k < keys.length; k++) {
      keys[k].write(targets.get(k), first, count);
    }
  }

  /**
   * Small-domain grouping: while every key of every batch is a word lying in a narrow range of
   * its column, a row's words less their ranges' low ends, packed side by side in a few bits,
   * index a table of groups directly, and no hash is computed (Q1's two one-letter keys, small
   * integer codes). The hash table stays the truth: this table only remembers groups found or
   * added there, and is laid out afresh from the groups' words when a batch's words leave the
   * ranges. Keys too far apart end it for good.
   */
  private final class DirectGroups {
    /** At most 4,096 entries: the table stays in the first-level cache. */
    private static final int MAX_BITS = 12;
    private final long[] lows = new long[keys.length];
    /** Per key, the largest offset from its low end its bits can hold. */
    private final long[] limits = new long[keys.length];
    private final int[] shifts = new int[keys.length];
    private final long[] batchLows = new long[keys.length];
    private final long[] batchHighs = new long[keys.length];
    /** Group id by packed offsets, -1 where none is known; null until first laid out. */
    private int[] groups;

    /**
     * Finds the group of each of the first {@code rowCount} rows, whose keys all have words;
     * false, having done nothing, when the keys are too far apart for a small table.
     */
    boolean lookUp(int rowCount) {
      if (rowCount == 0) {
        return true;
      }
      if (!covers(rowCount) && !layOut()) {
        direct = null;
        return false;
      }
      Arrays.fill(codes, 0, rowCount, 0);
      for (int k = 0; k < keys.length; k++) {
        long[] words = rowWords[k];
        long low = lows[k];
        int shift = shifts[k];
        for (int row = 0; row < rowCount; row++) {
          codes[row] |= (int) (words[row] - low) << shift;
        }
      }
      boolean missed = false;
      for (int row = 0; row < rowCount; row++) {
        int group = groups[codes[row]];
        groupIds[row] = group;
        missed |= group < 0;
      }
      if (missed) {
        hashRows(rowCount);
        for (int row = 0; row < rowCount; row++) {
          if (groupIds[row] < 0) {
            int group = findOrInsert(rowHashes[row], row, true);
            groupIds[row] = group;
            groups[codes[row]] = group;
          }
        }
      }
      return true;
    }

    /** Notes each key's lowest and highest word in the batch; whether the layout holds them. */
    private boolean covers(int rowCount) {
      boolean covered = groups != null;
      for (int k = 0; k < keys.length; k++) {
        long[] words = rowWords[k];
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (int row = 0; row < rowCount; row++) {
          low = Math.min(low, words[row]);
          high = Math.max(high, words[row]);
        }
        batchLows[k] = low;
        batchHighs[k] = high;
        covered &= low >= lows[k] && high >= lows[k]
            && Long.compareUnsigned(high - lows[k], limits[k]) <= 0;
      }
      return covered;
    }

    /**
     * Lays the table out for the words of every group and of the batch; false when they need
     * more than {@link #MAX_BITS} bits together.
     */
    private boolean layOut() {
      if (groupCount > 1 << MAX_BITS) {
        return false;
      }
      int bits = 0;
      for (int k = 0; k < keys.length; k++) {
        long low = batchLows[k];
        long high = batchHighs[k];
        for (int group = 0; group < groupCount; group++) {
          long word = groupWords[group * keys.length + k];
          low = Math.min(low, word);
          high = Math.max(high, word);
        }
        // The difference of two longs may not fit a signed one; unsigned, it always does.
        if (Long.compareUnsigned(high - low, 1L << MAX_BITS) >= 0) {
          return false;
        }
        int width = 64 - Long.numberOfLeadingZeros(high - low);
        lows[k] = low;
        limits[k] = (1L << width) - 1;
        shifts[k] = bits;
        bits += width;
      }
      if (bits > MAX_BITS) {
        return false;
      }
      groups = new int[1 << bits];
      Arrays.fill(groups, -1);
      for (int group = 0; group < groupCount; group++) {
        int code = 0;
        for (int k = 0; k < keys.length; k++) {
          code |= (int) (groupWords[group * keys.length + k] - lows[k]) << shifts[k];
        }
        groups[code] = group;
      }
      return true;
    }
  }

  private static long finalMix(long hash) {
    long h = hash;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
