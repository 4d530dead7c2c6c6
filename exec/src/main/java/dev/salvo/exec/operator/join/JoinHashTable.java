package dev.salvo.exec.operator.join;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.operator.aggregate.KeyColumn;
import dev.salvo.exec.type.DataType;
import java.util.List;
import org.apache.arrow.memory.AllocationReservation;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The finished build side of a hash join: the build batches as they arrived (Arrow buffers of
 * the query's allocator) plus a chained hash table over their rows, which are numbered 0..n-1
 * across batches. Read-only once built, so every probe driver shares it; the only shared
 * mutable state is the per-row "matched" flag of outer joins that keep unmatched build rows.
 *
 * <p>The Java arrays behind the table are reserved against the query's allocator too, so the
 * memory limit covers the whole build side.
 */
final class JoinHashTable implements AutoCloseable {
  /** Java array bytes per build row besides the keys and slots: hash, link, batch, flags. */
  private static final long BYTES_PER_ROW = 8 + 4 + 4 + 1;
  private static final long BYTES_PER_KEY = 10;
  /** The size of {@link #heads} from which a probe first asks {@link #bloom}: about L2's. */
  private static final long BLOOM_FROM_BYTES = 512 * 1024;
  /** The widest key range a direct index covers however few rows the build side has. */
  private static final long DIRECT_SPAN_FLOOR = 1 << 16;
  /** The most values per build row a hashed table's {@link ValueSet} may span: 8 bytes a row. */
  private static final long VALUE_SET_SPAN_PER_ROW = 64;

  private final List<Batch> batches;
  private final int[] batchStarts;
  private final int[] rowBatch;
  private final int rowCount;
  private final KeyColumn[] keys;
  private final long[] hashes;
  /**
   * Per slot: the first build row of its chain (plus one) in the low 32 bits, and in the high 32
   * bits one bit per {@link #tagBit} of every row in the chain, so that most probes of keys the
   * build side lacks stop here without reading the rows' hashes.
   */
  private final long[] heads;
  /** Where one integer key indexes the rows directly; null for hashed tables. */
  private final DirectIndex direct;
  private final int[] next;
  private final int mask;
  /**
   * For a table too big for a core's cache, a Bloom filter of 8 to 16 bits per build row with
   * the bit of every linked row's hash set: a probe of a key the build side lacks mostly stops
   * at this small array, where a look at {@link #heads} would be a cache miss. Null for small
   * tables.
   */
  private final long[] bloom;
  private final int bloomBits;
  /**
   * For a hashed table of one integer key whose values are not too far apart, the exact set
   * of those values, asked instead of {@link #bloom}; null otherwise.
   */
  private final ValueSet values;
  private final byte[] matched;
  private final AllocationReservation reservation;
  /** Each column's vector in every batch, so gathering a build row costs no list lookups. */
  private final FieldVector[][] columnsByBatch;
  /** Whether each column's vector in every batch holds a null. */
  private final boolean[][] nullsByBatch;
  /** Where each batch's values of each column start, for {@link RowGather}; 0 if not flat. */
  private final long[][] valuesByBatch;

  private JoinHashTable(List<Batch> batches, int[] batchStarts, int[] rowBatch, int rowCount,
      KeyColumn[] keys, long[] hashes, long[] heads, DirectIndex direct, int[] next, long[] bloom,
      ValueSet values, byte[] matched, AllocationReservation reservation) {
    this.batches = batches;
    this.batchStarts = batchStarts;
    this.rowBatch = rowBatch;
    this.rowCount = rowCount;
    this.keys = keys;
    this.hashes = hashes;
    this.heads = heads;
    this.direct = direct;
    this.next = next;
    this.mask = heads == null ? 0 : heads.length - 1;
    this.bloom = bloom;
    this.bloomBits = bloom == null ? 0 : bloom.length * 64 - 1;
    this.values = values;
    this.matched = matched;
    this.reservation = reservation;
    int columnCount = batches.isEmpty() ? 0 : batches.get(0).columnCount();
    this.columnsByBatch = new FieldVector[columnCount][batches.size()];
    this.nullsByBatch = new boolean[columnCount][batches.size()];
    this.valuesByBatch = new long[columnCount][batches.size()];
    for (int b = 0; b < batches.size(); b++) {
      for (int c = 0; c < columnCount; c++) {
        columnsByBatch[c][b] = batches.get(b).column(c);
        nullsByBatch[c][b] = columnsByBatch[c][b].getNullCount() > 0;
        valuesByBatch[c][b] = RowGather.valuesAddress(columnsByBatch[c][b]);
      }
    }
  }

  /**
   * Builds the table over {@code batches}, which it takes over (also when it throws). Rows with
   * a NULL in a key that is not null-safe are stored but never linked: they match nothing.
   */
  static JoinHashTable build(List<Batch> batches, List<Integer> keyColumns,
      List<DataType> keyTypes, List<Boolean> nullSafeKeys, boolean trackMatches,
      BufferAllocator allocator) {
    AllocationReservation reservation = null;
    try {
      long total = 0;
      for (Batch batch : batches) {
        total += batch.rowCount();
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED,
            "A hash join's build side has " + total + " rows, more than one table can hold");
      }
      int rowCount = (int) total;
      int slots = Integer.highestOneBit(Math.max(16, rowCount * 2 - 1)) << 1;
      int bloomWords = slots * 8L > BLOOM_FROM_BYTES ? bloomWords(rowCount) : 0;
      long bytes = rowCount * (BYTES_PER_ROW + BYTES_PER_KEY * keyColumns.size()) + slots * 8L
          + bloomWords * 8L;
      reservation = allocator.newReservation();
      if (!reservation.add(bytes)) {
        throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "A hash join's build side ("
            + rowCount + " rows) needs " + bytes + " more bytes for its hash table than the"
            + " query's memory limit of " + allocator.getLimit() + " bytes allows ("
            + allocator.getAllocatedMemory() + " in use)");
      }
      KeyColumn[] keys = new KeyColumn[keyColumns.size()];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = KeyColumn.create(keyTypes.get(k));
      }
      int[] batchStarts = new int[batches.size() + 1];
      int[] rowBatch = new int[rowCount];
      long[] hashes = new long[rowCount];
      boolean[] linked = new boolean[rowCount];
      long[] batchHashes = new long[0];
      // One integer key that NULL never equals may index the rows directly: its values are
      // kept to see whether their range is narrow enough.
      long[] keyValues = keys.length == 1 && !nullSafeKeys.get(0) ? new long[rowCount] : null;
      int start = 0;
      for (int b = 0; b < batches.size(); b++) {
        Batch batch = batches.get(b);
        int count = batch.rowCount();
        batchStarts[b] = start;
        if (batchHashes.length < count) {
          batchHashes = new long[count];
        }
        java.util.Arrays.fill(batchHashes, 0, count, 0L);
        // Vectors count their nulls by scanning their validity: once per batch, not per row.
        FieldVector[] nullableKeys = new FieldVector[keys.length];
        for (int k = 0; k < keys.length; k++) {
          FieldVector key = batch.column(keyColumns.get(k));
          keys[k].load(key, count);
          keys[k].hash(batchHashes, count);
          nullableKeys[k] = !nullSafeKeys.get(k) && key.getNullCount() > 0 ? key : null;
        }
        long[] values = keyValues == null ? null : keys[0].loadedLongs();
        if (values == null) {
          keyValues = null;
        } else {
          System.arraycopy(values, 0, keyValues, start, count);
        }
        for (int row = 0; row < count; row++) {
          int global = start + row;
          rowBatch[global] = b;
          hashes[global] = JoinHashing.finalMix(batchHashes[row]);
          boolean link = true;
          for (int k = 0; k < keys.length; k++) {
            keys[k].append(row);
            if (nullableKeys[k] != null && nullableKeys[k].isNull(row)) {
              link = false;
            }
          }
          linked[global] = link;
        }
        start += count;
      }
      batchStarts[batches.size()] = start;
      int[] next = new int[rowCount];
      KeyRange range = keyValues == null ? null : KeyRange.of(keyValues, linked);
      if (range != null && range.span() <= Math.max(slots * 4L, DIRECT_SPAN_FLOOR)) {
        DirectIndex direct = DirectIndex.of(keyValues, linked, next, range);
        reserveMore(reservation, direct.bytes() - slots * 8L - bloomWords * 8L, rowCount, bytes,
            allocator);
        return new JoinHashTable(List.copyOf(batches), batchStarts, rowBatch, rowCount, keys,
            hashes, null, direct, next, null, null, trackMatches ? new byte[rowCount] : null,
            reservation);
      }
      ValueSet values = null;
      if (range != null && range.span() <= VALUE_SET_SPAN_PER_ROW * rowCount) {
        values = ValueSet.of(keyValues, linked, range);
        reserveMore(reservation, values.bytes() - bloomWords * 8L, rowCount, bytes, allocator);
      }
      long[] heads = new long[slots];
      int mask = slots - 1;
      // Linking in reverse keeps each chain in build order, which keeps output order stable.
      for (int row = rowCount - 1; row >= 0; row--) {
        if (linked[row]) {
          int slot = (int) hashes[row] & mask;
          long head = heads[slot];
          next[row] = (int) head;
          heads[slot] = (head & ~0xFFFF_FFFFL) | 1L << tagBit(hashes[row]) | (row + 1);
        }
      }
      long[] bloom = bloomWords > 0 && values == null
          ? bloomOf(bloomWords, hashes, linked, rowCount) : null;
      return new JoinHashTable(List.copyOf(batches), batchStarts, rowBatch, rowCount, keys,
          hashes, heads, null, next, bloom, values, trackMatches ? new byte[rowCount] : null,
          reservation);
    } catch (RuntimeException | OutOfMemoryError e) {
      batches.forEach(Batch::close);
      if (reservation != null) {
        reservation.close();
      }
      throw e;
    }
  }

  /** Reserves {@code more} bytes (if positive) beyond the {@code bytes} reserved already. */
  private static void reserveMore(AllocationReservation reservation, long more, int rowCount,
      long bytes, BufferAllocator allocator) {
    if (more > 0 && (more > Integer.MAX_VALUE || !reservation.add((int) more))) {
      throw new SalvoException(ErrorCode.MEMORY_LIMIT_EXCEEDED, "A hash join's build side ("
          + rowCount + " rows) needs " + (bytes + more) + " bytes for its index, more than"
          + " the query's memory limit of " + allocator.getLimit() + " bytes allows ("
          + allocator.getAllocatedMemory() + " in use)");
    }
  }

  /** The 64-bit words of a filter of 8 to 16 bits per row: a power of two. */
  private static int bloomWords(int rowCount) {
    return Integer.highestOneBit(Math.max(1, rowCount / 8 - 1)) << 1;
  }

  /** A filter of {@code words} words, with the bit of each linked row's hash set. */
  private static long[] bloomOf(int words, long[] hashes, boolean[] linked, int rowCount) {
    long[] bloom = new long[words];
    int bits = words * 64 - 1;
    for (int row = 0; row < rowCount; row++) {
      if (linked[row]) {
        int bit = bloomBit(hashes[row], bits);
        bloom[bit >>> 6] |= 1L << bit;
      }
    }
    return bloom;
  }

  /** Hash bits that neither pick the slot (the low bits) nor the tag (the top five). */
  private static int bloomBit(long hash, int bits) {
    return (int) (hash >>> 32) & bits;
  }

  /**
   * Whether the rows are indexed by their one integer key's value: {@link #directHead} finds a
   * key's chain, whose rows all hold that key.
   */
  boolean isDirect() {
    return direct != null;
  }

  /** The first build row (plus one) whose key is {@code value}; 0 if none. */
  int directHead(long value) {
    return direct.head(value);
  }

  /**
   * Keeps of rows {@code selected[0..count)} those whose key, loaded into {@code key} (a column
   * of {@link #probeKeys}, the table's only key), some build row may have, and returns how many
   * that is. A NULL key has no match; a hashed table may keep a few rows that match nothing.
   */
  int keepPossibleMatches(KeyColumn key, int rowCount, long[] hashes, int[] selected,
      int count) {
    int kept = 0;
    if (direct != null) {
      long[] values = key.loadedLongs();
      for (int i = 0; i < count; i++) {
        int row = selected[i];
        selected[kept] = row;
        kept += !key.isNullRow(row) && direct.head(values[row]) != 0 ? 1 : 0;
      }
      return kept;
    }
    if (values != null) {
      long[] loaded = key.loadedLongs();
      for (int i = 0; i < count; i++) {
        int row = selected[i];
        selected[kept] = row;
        kept += !key.isNullRow(row) && values.contains(loaded[row]) ? 1 : 0;
      }
      return kept;
    }
    java.util.Arrays.fill(hashes, 0, rowCount, 0L);
    key.hash(hashes, rowCount);
    for (int i = 0; i < count; i++) {
      int row = selected[i];
      selected[kept] = row;
      kept += !key.isNullRow(row)
          && candidateHead(JoinHashing.finalMix(hashes[row]), null, row) != 0 ? 1 : 0;
    }
    return kept;
  }

  /**
   * The loaded key values ({@code key}: a column of {@link #probeKeys}) that {@link
   * #candidateHead} asks a hashed table's value set about; null where it has none.
   */
  long[] valuesToAsk(KeyColumn key) {
    return values == null ? null : key.loadedLongs();
  }

  /**
   * The first build row (plus one) of the chain a probe of {@code hash} walks, or 0 where the
   * table's value set (asked with {@code loaded[row]}, see {@link #valuesToAsk}) or Bloom filter
   * tells that no build row has the key.
   */
  int candidateHead(long hash, long[] loaded, int row) {
    boolean absent = values != null ? !values.contains(loaded[row])
        : bloom != null && !mayHave(hash);
    return absent ? 0 : chainHead(hash);
  }

  /** False when no build row has {@code hash}; true when one may have it. */
  private boolean mayHave(long hash) {
    int bit = bloomBit(hash, bloomBits);
    return (bloom[bit >>> 6] & 1L << bit) != 0;
  }

  int rowCount() {
    return rowCount;
  }

  int keyCount() {
    return keys.length;
  }

  /** New key columns that share the stored build keys, for one probing driver. */
  KeyColumn[] probeKeys() {
    KeyColumn[] copies = new KeyColumn[keys.length];
    for (int k = 0; k < keys.length; k++) {
      copies[k] = keys[k].sharingStoredKeys();
    }
    return copies;
  }

  /**
   * The first build row (plus one) of the chain {@code hash} falls in; 0 if none, or if no row
   * in the chain has {@code hash}'s tag bit.
   */
  private int chainHead(long hash) {
    long head = heads[(int) hash & mask];
    return (head & 1L << tagBit(hash)) == 0 ? 0 : (int) head;
  }

  /** A bit of a slot's upper half chosen by hash bits that do not choose the slot. */
  private static int tagBit(long hash) {
    return 32 + (int) (hash >>> 59);
  }

  /** The build row (plus one) after {@code row} in its chain; 0 at the end. */
  int chainNext(int row) {
    return next[row];
  }

  long hash(int row) {
    return hashes[row];
  }

  /** Column {@code column} of every build batch, indexed by {@link #batchOf}; none if empty. */
  FieldVector[] columnOfEveryBatch(int column) {
    return batches.isEmpty() ? new FieldVector[0] : columnsByBatch[column];
  }

  /** Whether column {@code column} holds nulls in each build batch, indexed by {@link #batchOf}. */
  boolean[] nullsOfEveryBatch(int column) {
    return batches.isEmpty() ? new boolean[0] : nullsByBatch[column];
  }

  /** {@link RowGather#valuesAddress} of column {@code column} of every build batch. */
  long[] valuesOfEveryBatch(int column) {
    return batches.isEmpty() ? new long[0] : valuesByBatch[column];
  }

  /** The build batch holding {@code row}. */
  int batchOf(int row) {
    return rowBatch[row];
  }

  int localRow(int row) {
    return row - batchStarts[rowBatch[row]];
  }

  void markMatched(int row) {
    matched[row] = 1;
  }

  boolean isMatched(int row) {
    return matched[row] != 0;
  }

  @Override
  public void close() {
    batches.forEach(Batch::close);
    reservation.close();
  }

  /** The smallest of the linked rows' integer keys and how many values they span. */
  private record KeyRange(long min, int span) {
    /** The range of the linked rows' keys {@code values}; null if none or it outgrows an int. */
    static KeyRange of(long[] values, boolean[] linked) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int row = 0; row < values.length; row++) {
        if (linked[row]) {
          min = Math.min(min, values[row]);
          max = Math.max(max, values[row]);
        }
      }
      // max - min overflows (turns negative) only for spans far beyond any limit.
      return min > max || max - min < 0 || max - min >= Integer.MAX_VALUE - 8 ? null
          : new KeyRange(min, (int) (max - min + 1));
    }
  }

  /**
   * The values of a build side's one integer key, one bit each from the smallest to the
   * largest: exact where a Bloom filter has false positives, and asked without hashing.
   */
  private record ValueSet(long min, long[] bits, int span) {
    static ValueSet of(long[] values, boolean[] linked, KeyRange range) {
      long[] bits = new long[(range.span() + 63) >>> 6];
      for (int row = 0; row < values.length; row++) {
        if (linked[row]) {
          int offset = (int) (values[row] - range.min());
          bits[offset >>> 6] |= 1L << offset;
        }
      }
      return new ValueSet(range.min(), bits, range.span());
    }

    long bytes() {
      return bits.length * 8L;
    }

    boolean contains(long value) {
      long offset = value - min;
      return offset >= 0 && offset < span && (bits[(int) (offset >>> 6)] & 1L << offset) != 0;
    }
  }

  /**
   * The rows of a build side with one integer key, indexed by the key's offset from the
   * smallest: a probe reads one array element instead of hashing, reading a chain head and
   * comparing hashes and keys. Where that array outgrows a core's cache, the {@link ValueSet}
   * tells first whether the value is there at all.
   */
  private record DirectIndex(long min, int[] heads, ValueSet present) {
    /**
     * The index of the linked rows' keys {@code values}, which lie in {@code range}, chaining
     * rows of one key through {@code next} in build order.
     */
    static DirectIndex of(long[] values, boolean[] linked, int[] next, KeyRange range) {
      ValueSet present = range.span() * 4L > BLOOM_FROM_BYTES
          ? ValueSet.of(values, linked, range) : null;
      int[] heads = new int[range.span()];
      for (int row = values.length - 1; row >= 0; row--) {
        if (linked[row]) {
          int offset = (int) (values[row] - range.min());
          next[row] = heads[offset];
          heads[offset] = row + 1;
        }
      }
      return new DirectIndex(range.min(), heads, present);
    }

    long bytes() {
      return heads.length * 4L + (present == null ? 0 : present.bytes());
    }

    int head(long value) {
      long offset = value - min;
      if (offset < 0 || offset >= heads.length || present != null && !present.contains(value)) {
        return 0;
      }
      return heads[(int) offset];
    }
  }
}
