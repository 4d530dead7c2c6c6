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

  GroupByHash(List<DataType> keyTypes) {
    keys = new KeyColumn[keyTypes.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = KeyColumn.create(keyTypes.get(i));
    }
    groupCount = keys.length == 0 ? 1 : 0;
    rowWords = new long[keys.length][];
    groupWords = new long[16 * Math.max(keys.length, 1)];
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
    }
    if (keys.length == 0) {
      Arrays.fill(groupIds, 0, rowCount, 0);
      return groupIds;
    }
    Arrays.fill(rowHashes, 0, rowCount, 0L);
    boolean byWords = !nullKeyGroup;
    for (int k = 0; k < keys.length; k++) {
      keys[k].load(keyVectors.get(k), rowCount);
      keys[k].hash(rowHashes, rowCount);
      rowWords[k] = keys[k].loadedWords();
      byWords &= rowWords[k] != null;
    }
    for (int row = 0; row < rowCount; row++) {
      rowHashes[row] = finalMix(rowHashes[row]);
    }
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
