package dev.salvo.exec.connector.storage;

import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.RowType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One version of a stored table: the data files that version lists, read as they are. Because
 * data files are never changed once committed, a source keeps reading the same rows however many
 * versions are committed after it was created: that is what gives each query a snapshot.
 */
public final class StoredTableSource implements TableSource {
  private final String name;
  private final RowType rowType;
  private final Path directory;
  private final List<DataFile> files;
  private final long rowCount;
  private final DistinctValueSketches distinctValues;
  /** The mappings scans read through; null for files that may change, which are copied. */
  private final MappedDataFiles mappings;

  /**
   * Files Salvo did not write (a user's file read as a table, say): read with copies, since they
   * may change while they are read, and without distinct-value statistics.
   */
  public StoredTableSource(String name, RowType rowType, Path directory, List<DataFile> files) {
    this(name, rowType, directory, files, DistinctValueSketches.none(), false);
  }

  /**
   * @param directory the table's directory, holding every file of {@code files}
   * @param distinctValues the version's sketches (its files' merged), none when unknown
   * @param salvoFiles whether the files are Salvo's committed data files, never changed again,
   *     which scans then map instead of copying
   */
  public StoredTableSource(String name, RowType rowType, Path directory, List<DataFile> files,
      DistinctValueSketches distinctValues, boolean salvoFiles) {
    this(name, rowType, directory, files, distinctValues,
        salvoFiles ? MappedDataFiles.SHARED : null);
  }

  StoredTableSource(String name, RowType rowType, Path directory, List<DataFile> files,
      DistinctValueSketches distinctValues, MappedDataFiles mappings) {
    this.name = name;
    this.mappings = mappings;
    this.rowType = rowType;
    this.directory = directory;
    this.files = List.copyOf(files);
    this.rowCount = this.files.stream().mapToLong(DataFile::rowCount).sum();
    this.distinctValues = distinctValues;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  public List<DataFile> files() {
    return files;
  }

  @Override
  public long estimatedRowCount() {
    return rowCount;
  }

  /**
   * The sketch's estimate, never above the row count (a sketch's error can overshoot it) nor
   * below one for a table with rows.
   */
  @Override
  public OptionalDouble distinctCount(int column) {
    OptionalDouble estimate = distinctValues.distinctCount(column);
    if (estimate.isEmpty()) {
      return estimate;
    }
    double bounded = Math.min(estimate.getAsDouble(), rowCount);
    return OptionalDouble.of(rowCount > 0 ? Math.max(1.0, bounded) : 0.0);
  }

  /**
   * The integer columns distinct in every file of this version, where the files' value ranges do
   * not overlap: then no value can repeat across files either, so the column is a key.
   */
  @Override
  public List<List<Integer>> uniqueKeys() {
    List<DataFile> nonEmpty = files.stream().filter(file -> file.rowCount() > 0).toList();
    if (nonEmpty.isEmpty()) {
      return List.of();
    }
    List<List<Integer>> keys = new ArrayList<>();
    for (int column = 0; column < rowType.size(); column++) {
      List<UniqueColumn> ranges = new ArrayList<>();
      for (DataFile file : nonEmpty) {
        int wanted = column;
        file.uniqueColumns().stream().filter(unique -> unique.column() == wanted).findFirst()
            .ifPresent(ranges::add);
      }
      if (ranges.size() == nonEmpty.size() && disjoint(ranges)) {
        keys.add(List.of(column));
      }
    }
    return keys;
  }

  private static boolean disjoint(List<UniqueColumn> ranges) {
    List<UniqueColumn> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(UniqueColumn::min));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).min() <= sorted.get(i - 1).max()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cuts the files' record batches into about {@code targetCount} ranges of consecutive batches
   * of one file, so that a table held in one big file is still read by several drivers.
   */
  @Override
  public List<TableSplit> splits(int targetCount) {
    int totalBatches = files.stream().mapToInt(DataFile::batchCount).sum();
    List<TableSplit> splits = new ArrayList<>();
    if (totalBatches == 0) {
      // A scan needs at least one split; an empty range reads nothing.
      splits.add(new StoredTableSplit(new DataFile("empty", 0, 0, 0), 0, 0));
      return splits;
    }
    int batchesPerSplit = Math.max(1, (totalBatches + targetCount - 1) / Math.max(1, targetCount));
    for (DataFile file : files) {
      for (int first = 0; first < file.batchCount(); first += batchesPerSplit) {
        splits.add(new StoredTableSplit(file, first,
            Math.min(batchesPerSplit, file.batchCount() - first)));
      }
    }
    return splits;
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    if (!(split instanceof StoredTableSplit storedSplit)) {
      throw new IllegalArgumentException("Not a stored table split: " + split.describe());
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    return new StoredBatchReader(name, directory, storedSplit, columns, allocator, batchSize,
        mappings);
  }

  /**
   * The data files this version lists, which identify it: files are never rewritten, and a
   * file name is never used twice.
   */
  @Override
  public String version() {
    return String.join(",", files.stream().map(DataFile::fileName).toList());
  }

  /** Two sources over the same files of the same table read the same rows. */
  @Override
  public boolean equals(Object other) {
    return other instanceof StoredTableSource that && name.equals(that.name)
        && rowType.equals(that.rowType) && directory.equals(that.directory)
        && files.equals(that.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, rowType, directory, files);
  }

  @Override
  public String toString() {
    return name;
  }
}
