package dev.salvo.exec.connector.files;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A CSV file read as a table. Opening it reads the whole file once to name the columns (from
 * the header, or {@code column0}, {@code column1}, ... without one) and to infer each column's
 * type: BIGINT, DOUBLE, DATE (ISO), BOOLEAN or else VARCHAR, all nullable. Scans read it again,
 * as one split.
 */
public final class CsvTableSource implements TableSource {
  private final String name;
  private final Path file;
  private final CsvOptions options;
  private final RowType rowType;
  private final long rowCount;

  /** Reads {@code file} to learn its columns; {@code name} is how errors and EXPLAIN call it. */
  public CsvTableSource(String name, Path file, CsvOptions options) {
    this.name = name;
    this.file = file;
    this.options = options;
    List<String> names = null;
    List<TypeGuess> guesses = new ArrayList<>();
    long rows = 0;
    try (BufferedReader input = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CsvParser parser = new CsvParser(input, name, options);
      List<String> record;
      while ((record = parser.next()) != null) {
        if (names == null) {
          names = columnNames(parser, options.header() ? record : null, record.size());
          for (int i = 0; i < record.size(); i++) {
            guesses.add(new TypeGuess());
          }
          if (options.header()) {
            continue;
          }
        }
        checkWidth(parser, record, names.size());
        for (int i = 0; i < record.size(); i++) {
          guesses.get(i).see(record.get(i));
        }
        rows++;
      }
    } catch (IOException | UncheckedIOException e) {
      throw new SalvoException(ErrorCode.BAD_FILE_FORMAT,
          "Cannot read file " + name + ": " + e.getMessage(), e);
    }
    if (names == null) {
      throw new SalvoException(ErrorCode.BAD_FILE_FORMAT, "File " + name + " is empty");
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(new Column(names.get(i), guesses.get(i).type()));
    }
    this.rowType = new RowType(columns);
    this.rowCount = rows;
  }

  private static List<String> columnNames(CsvParser parser, List<String> header, int width) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < width; i++) {
      String columnName = header == null || header.get(i) == null || header.get(i).isBlank()
          ? "column" + i : header.get(i).strip();
      if (!seen.add(columnName.toLowerCase(Locale.ROOT))) {
        throw parser.error(parser.recordLine(), "column name '" + columnName
            + "' appears twice in the header");
      }
      names.add(columnName);
    }
    return names;
  }

  private static void checkWidth(CsvParser parser, List<String> record, int width) {
    if (record.size() != width) {
      throw parser.error(parser.recordLine(), "expected " + width + " fields, found "
          + record.size());
    }
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

  @Override
  public List<TableSplit> splits(int targetCount) {
    return List.of(() -> name);
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    BufferedReader input;
    try {
      input = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND,
          "Cannot open file " + name + ": " + e.getMessage(), e);
    }
    CsvParser parser = new CsvParser(input, name, options);
    if (options.header()) {
      parser.next();
    }
    List<Integer> projection = List.copyOf(columns);
    return new BatchReader() {
      private boolean done;

      @Override
      public Batch next() {
        if (done) {
          return null;
        }
        List<FieldVector> vectors = new ArrayList<>(projection.size());
        try {
          for (int column : projection) {
            FieldVector vector = rowType.type(column).toField(rowType.column(column).name())
                .createVector(allocator);
            vector.allocateNew();
            vectors.add(vector);
          }
          int rows = 0;
          List<String> record;
          while (rows < batchSize && (record = parser.next()) != null) {
            checkWidth(parser, record, rowType.size());
            for (int i = 0; i < projection.size(); i++) {
              int column = projection.get(i);
              set(vectors.get(i), rows, record.get(column), parser, column);
            }
            rows++;
          }
          if (rows < batchSize) {
            done = true;
          }
          if (rows == 0) {
            vectors.forEach(FieldVector::close);
            return null;
          }
          for (FieldVector vector : vectors) {
            vector.setValueCount(rows);
          }
          return Batch.of(vectors, rows);
        } catch (RuntimeException e) {
          vectors.forEach(FieldVector::close);
          throw e;
        }
      }

      @Override
      public void close() {
        try {
          input.close();
        } catch (IOException e) {
          throw new SalvoException(ErrorCode.INTERNAL_ERROR,
              "Cannot close file " + name + ": " + e.getMessage(), e);
        }
      }
    };
  }

  private void set(FieldVector vector, int row, String value, CsvParser parser, int column) {
    if (value == null) {
      vector.setNull(row);
      return;
    }
    try {
      if (vector instanceof BigIntVector bigints) {
        bigints.setSafe(row, Long.parseLong(value.strip()));
      } else if (vector instanceof Float8Vector doubles) {
        doubles.setSafe(row, Double.parseDouble(value.strip()));
      } else if (vector instanceof DateDayVector dates) {
        dates.setSafe(row, (int) LocalDate.parse(value.strip()).toEpochDay());
      } else if (vector instanceof BitVector booleans) {
        booleans.setSafe(row, parseBoolean(value) ? 1 : 0);
      } else if (vector instanceof VarCharVector strings) {
        strings.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
      } else {
        throw new IllegalStateException("Unexpected vector " + vector.getField());
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // The file changed since its types were inferred.
      throw parser.error(parser.recordLine(), "column " + (column + 1) + " ("
          + rowType.column(column).name() + "): '" + value + "' is not a "
          + rowType.type(column).sqlName());
    }
  }

  private static boolean parseBoolean(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw new NumberFormatException(value);
  }

  @Override
  public String toString() {
    return name;
  }

  /** The narrowest type that every non-null value of a column seen so far fits. */
  private static final class TypeGuess {
    private boolean anyValue;
    private boolean bigint = true;
    private boolean floating = true;
    private boolean date = true;
    private boolean bool = true;

    void see(String value) {
      if (value == null) {
        return;
      }
      anyValue = true;
      String text = value.strip();
      if (bigint) {
        bigint = fits(() -> Long.parseLong(text));
      }
      if (floating) {
        floating = !text.isEmpty() && !text.chars().anyMatch(Character::isLetter)
            && fits(() -> Double.parseDouble(text));
      }
      if (date) {
        date = fits(() -> LocalDate.parse(text));
      }
      if (bool) {
        bool = text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
      }
    }

    DataType type() {
      if (!anyValue) {
        return DataType.VARCHAR;
      }
      TypeKind kind = bigint ? TypeKind.BIGINT : floating ? TypeKind.DOUBLE
          : date ? TypeKind.DATE : bool ? TypeKind.BOOLEAN : TypeKind.VARCHAR;
      return DataType.of(kind).withNullable(true);
    }

    private static boolean fits(Runnable parse) {
      try {
        parse.run();
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }
}
