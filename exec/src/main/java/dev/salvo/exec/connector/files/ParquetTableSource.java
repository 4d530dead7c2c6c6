package dev.salvo.exec.connector.files;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.connector.files.FileLocations.LocatedFile;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.RowType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.dataset.file.FileSystemDatasetFactory;
import org.apache.arrow.dataset.jni.NativeMemoryPool;
import org.apache.arrow.dataset.scanner.ScanOptions;
import org.apache.arrow.dataset.scanner.Scanner;
import org.apache.arrow.dataset.source.Dataset;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parquet files read as one table through Arrow's dataset scanner (C++ through JNI). Each file is
 * a split, so the files of a pattern are read by several drivers at once. A scan asks the file
 * reader only for the columns it produces and hands it the filter conditions Arrow can evaluate
 * ({@link ParquetFilter}), so unread column chunks are never decoded and row groups whose
 * statistics rule the filter out are skipped. Every file must have the same columns, in the same
 * order, of the same types (nullability may differ).
 *
 * <p>Batches come back in the scan's allocator, counted against the query's memory limit. Arrow
 * decodes in its own native memory pool before handing them over; that scratch memory is not
 * counted.
 */
public final class ParquetTableSource implements TableSource {
  private static final Logger log = LoggerFactory.getLogger(ParquetTableSource.class);

  private final String name;
  private final List<LocatedFile> files;
  private final List<ParquetColumn> columns;
  private final RowType rowType;
  private final long rowCount;

  private ParquetTableSource(String name, List<LocatedFile> files, List<ParquetColumn> columns,
      long rowCount) {
    this.name = name;
    this.files = files;
    this.columns = columns;
    this.rowType = new RowType(columns.stream().map(c -> new Column(c.name(), c.type())).toList());
    this.rowCount = rowCount;
  }

  /**
   * The table over {@code files} ({@code name} is how EXPLAIN and errors call it): reads each
   * file's footer for its columns and row count, so a file that is not Parquet fails now.
   */
  public static ParquetTableSource open(String name, List<LocatedFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files for " + name);
    }
    long started = System.nanoTime();
    List<ParquetColumn> columns = null;
    String columnsFrom = null;
    long rows = 0;
    try (BufferAllocator allocator = new RootAllocator()) {
      for (LocatedFile file : files) {
        FileFooter footer = readFooter(file, allocator);
        if (columns == null) {
          columns = footer.columns();
          columnsFrom = file.name();
        } else {
          columns = unify(columns, columnsFrom, footer.columns(), file.name());
        }
        rows += footer.rowCount();
      }
    }
    log.debug("Opened {} ({} files, {} rows) in {} ms", name, files.size(), rows,
        (System.nanoTime() - started) / 1_000_000);
    return new ParquetTableSource(name, List.copyOf(files), columns, rows);
  }

  private record FileFooter(List<ParquetColumn> columns, long rowCount) {}

  private static FileFooter readFooter(LocatedFile file, BufferAllocator allocator) {
    try (ScanResources scan = ScanResources.open(file, allocator)) {
      List<ParquetColumn> columns = new ArrayList<>();
      for (Field field : scan.schema().getFields()) {
        columns.add(ParquetColumn.of(file.name(), field));
      }
      // A scan of no columns reads only the footer: the batches carry row counts alone.
      long rows = 0;
      try (Scanner scanner = scan.dataset().newScan(new ScanOptions.Builder(1 << 20)
              .columns(Optional.of(new String[0])).build());
          ArrowReader reader = scanner.scanBatches()) {
        while (reader.loadNextBatch()) {
          rows += reader.getVectorSchemaRoot().getRowCount();
        }
      }
      return new FileFooter(List.copyOf(columns), rows);
    } catch (Exception e) {
      throw readError(file, e);
    }
  }

  private static List<ParquetColumn> unify(List<ParquetColumn> first, String firstName,
      List<ParquetColumn> other, String otherName) {
    if (first.size() != other.size()) {
      throw new SalvoException(ErrorCode.BAD_FILE_FORMAT, "File " + otherName + " has "
          + other.size() + " columns, but " + firstName + " has " + first.size());
    }
    List<ParquetColumn> unified = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      ParquetColumn a = first.get(i);
      ParquetColumn b = other.get(i);
      if (!a.name().equals(b.name()) || !a.fileType().equals(b.fileType())) {
        throw new SalvoException(ErrorCode.BAD_FILE_FORMAT, "File " + otherName + ", column "
            + (i + 1) + ": " + b.name() + " " + b.fileType() + " differs from " + a.name() + " "
            + a.fileType() + " in " + firstName);
      }
      unified.add(b.type().nullable() ? b : a);
    }
    return unified;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  @Override
  public long estimatedRowCount() {
    return rowCount;
  }

  /** The files, one split each: Arrow's Java API reads a file as a whole. */
  @Override
  public List<TableSplit> splits(int targetCount) {
    return files.stream().<TableSplit>map(ParquetSplit::new).toList();
  }

  /** One file of the table. */
  private record ParquetSplit(LocatedFile file) implements TableSplit {
    @Override
    public String describe() {
      return file.name();
    }
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    return open(split, columns, Optional.empty(), allocator, batchSize);
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> projection,
      Optional<Expression> filter, BufferAllocator allocator, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    LocatedFile file = ((ParquetSplit) split).file();
    List<String> readColumns = readColumns(projection);
    ParquetFilter pushed = ParquetFilter.of(filter, projection, columns);
    String[] columnNames = readColumns.toArray(String[]::new);
    ScanResources scan = null;
    try {
      scan = ScanResources.open(file, allocator);
      if (!pushed.isEmpty()) {
        try {
          scan.startScan(new ScanOptions.Builder(batchSize).columns(Optional.of(columnNames))
              .substraitFilter(pushed.toSubstrait()).build());
        } catch (RuntimeException e) {
          // The scan applies the whole filter anyway: reading every row is slower, not wrong.
          log.warn("Arrow refused the filter {} for {}, reading the file without it: {}",
              pushed.describe(), file.name(), e.getMessage());
        }
      }
      if (!scan.started()) {
        scan.startScan(new ScanOptions.Builder(batchSize).columns(Optional.of(columnNames))
            .build());
      }
    } catch (Exception e) {
      if (scan != null) {
        scan.close();
      }
      throw readError(file, e);
    }
    List<Integer> positions = projection.stream()
        .map(column -> readColumns.indexOf(this.columns.get(column).name())).toList();
    return new ParquetBatchReader(file, scan, projection, positions, allocator);
  }

  /** The distinct file columns {@code projection} reads, by name, in first-use order. */
  private List<String> readColumns(List<Integer> projection) {
    Set<String> names = new LinkedHashSet<>();
    for (int column : projection) {
      names.add(columns.get(column).name());
    }
    return List.copyOf(names);
  }

  @Override
  public String describePushdown(List<Integer> projection, Optional<Expression> filter) {
    ParquetFilter pushed = ParquetFilter.of(filter, projection, columns);
    return "parquet_columns=" + readColumns(projection)
        + (pushed.isEmpty() ? "" : ", parquet_filter=" + pushed.describe());
  }

  @Override
  public String toString() {
    return name;
  }

  /** Reads one file's batches, converting its columns to Salvo's types. */
  private final class ParquetBatchReader implements BatchReader {
    private final LocatedFile file;
    private final ScanResources scan;
    private final List<Integer> projection;
    /** For each produced column, its position among the columns the file reader returns. */
    private final List<Integer> positions;
    private final BufferAllocator allocator;
    private boolean done;

    ParquetBatchReader(LocatedFile file, ScanResources scan, List<Integer> projection,
        List<Integer> positions, BufferAllocator allocator) {
      this.file = file;
      this.scan = scan;
      this.projection = projection;
      this.positions = positions;
      this.allocator = allocator;
    }

    @Override
    public Batch next() {
      while (!done) {
        VectorSchemaRoot read;
        try {
          if (!scan.reader().loadNextBatch()) {
            done = true;
            return null;
          }
          read = scan.reader().getVectorSchemaRoot();
        } catch (Exception e) {
          throw readError(file, e);
        }
        int rows = read.getRowCount();
        if (rows > 0) {
          return convert(read, rows);
        }
      }
      return null;
    }

    private Batch convert(VectorSchemaRoot read, int rows) {
      List<FieldVector> vectors = new ArrayList<>(projection.size());
      try {
        for (int i = 0; i < projection.size(); i++) {
          ParquetColumn column = columns.get(projection.get(i));
          FieldVector source = read.getVector(positions.get(i));
          if (column.readAsIs() && positions.subList(0, i).contains(positions.get(i))) {
            // The same column a second time: the first copy already took the buffers.
            vectors.add(copyOf(vectors.get(positions.indexOf(positions.get(i)))));
          } else {
            vectors.add(column.toSalvo(source, allocator));
          }
        }
      } catch (ArithmeticException e) {
        vectors.forEach(FieldVector::close);
        throw new SalvoException(ErrorCode.BAD_FILE_FORMAT, "File " + file.name()
            + ": a value is out of the range of its Salvo type: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        vectors.forEach(FieldVector::close);
        throw e;
      }
      return Batch.of(vectors, rows);
    }

    private FieldVector copyOf(FieldVector vector) {
      FieldVector copy = vector.getField().createVector(allocator);
      copy.allocateNew();
      for (int row = 0; row < vector.getValueCount(); row++) {
        copy.copyFromSafe(row, row, vector);
      }
      copy.setValueCount(vector.getValueCount());
      return copy;
    }

    @Override
    public void close() {
      scan.close();
    }
  }

  /** A file not found, or not readable as Parquet, as the error a user sees. */
  private static SalvoException readError(LocatedFile file, Exception e) {
    if (e instanceof SalvoException salvo) {
      return salvo;
    }
    if (!Files.isRegularFile(file.path())) {
      return new SalvoException(ErrorCode.FILE_NOT_FOUND,
          "File '" + file.name() + "' does not exist", e);
    }
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    return new SalvoException(ErrorCode.BAD_FILE_FORMAT,
        "File " + file.name() + " is not a readable Parquet file: "
            + reason.replace(file.path().toString(), file.name()), e);
  }

  /**
   * The native objects behind reading one file (dataset, scanner, the scanner's batch reader),
   * released together: native memory is freed only when each is closed.
   */
  private static final class ScanResources implements AutoCloseable {
    private final Dataset dataset;
    private final Schema schema;
    private Scanner scanner;
    private ArrowReader reader;

    private ScanResources(Dataset dataset, Schema schema) {
      this.dataset = dataset;
      this.schema = schema;
    }

    static ScanResources open(LocatedFile file, BufferAllocator allocator) throws Exception {
      ArrowNative.ensureLoaded();
      try (FileSystemDatasetFactory factory = new FileSystemDatasetFactory(allocator,
          NativeMemoryPool.getDefault(), FileFormat.PARQUET, file.path().toUri().toString())) {
        Schema schema = factory.inspect();
        return new ScanResources(factory.finish(schema), schema);
      }
    }

    Dataset dataset() {
      return dataset;
    }

    Schema schema() {
      return schema;
    }

    void startScan(ScanOptions options) throws Exception {
      Scanner started = dataset.newScan(options);
      try {
        reader = started.scanBatches();
      } catch (RuntimeException e) {
        try {
          started.close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      scanner = started;
    }

    boolean started() {
      return reader != null;
    }

    ArrowReader reader() {
      return reader;
    }

    @Override
    public void close() {
      RuntimeException failure = null;
      for (AutoCloseable resource : new AutoCloseable[] {reader, scanner, dataset}) {
        if (resource == null) {
          continue;
        }
        try {
          resource.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new SalvoException(ErrorCode.INTERNAL_ERROR,
                "Cannot release a Parquet reader: " + e.getMessage(), e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
