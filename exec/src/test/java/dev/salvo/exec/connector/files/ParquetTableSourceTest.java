package dev.salvo.exec.connector.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.VectorValues;
import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.connector.files.FileLocations.LocatedFile;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.expr.Call;
import dev.salvo.exec.expr.ColumnReference;
import dev.salvo.exec.expr.Expression;
import dev.salvo.exec.expr.Literal;
import dev.salvo.exec.expr.ScalarFunction;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files written by Arrow's own writer, read back through {@link ParquetTableSource}:
 * types, projection, filters handed to Arrow, splits and the errors for bad files.
 */
class ParquetTableSourceTest {
  private static final int ROWS = 1000;
  private static final int ROWS_PER_BATCH = 250;
  private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  private static final LocalDateTime FIRST_TIME = LocalDateTime.of(2024, 1, 1, 10, 0);
  private static final Schema SALES = new Schema(List.of(
      field("id", new ArrowType.Int(64, true), false),
      field("name", ArrowType.Utf8.INSTANCE, true),
      field("price", new ArrowType.Decimal(12, 2, 128), true),
      field("day", new ArrowType.Date(DateUnit.DAY), true),
      field("at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), true),
      field("ratio", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), true),
      field("flag", ArrowType.Bool.INSTANCE, true),
      field("qty", new ArrowType.Int(32, true), true)));

  @TempDir
  Path root;

  private final BufferAllocator allocator = new RootAllocator();

  @BeforeEach
  void writeSales() {
    ParquetWriting.write(root.resolve("sales.parquet"), allocator, SALES, ROWS / ROWS_PER_BATCH,
        (batch, index) -> fillSales(batch, index * ROWS_PER_BATCH, ROWS_PER_BATCH));
  }

  @AfterEach
  void closeAllocator() {
    // Fails the test if a reader, scanner or batch leaked a buffer.
    allocator.close();
  }

  private static Field field(String name, ArrowType type, boolean nullable) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }

  private static void fillSales(org.apache.arrow.vector.VectorSchemaRoot batch, int first,
      int rows) {
    for (int row = 0; row < rows; row++) {
      int id = first + row;
      ((BigIntVector) batch.getVector("id")).setSafe(row, id);
      if (id % 7 == 0) {
        ((VarCharVector) batch.getVector("name")).setNull(row);
      } else {
        ((VarCharVector) batch.getVector("name")).setSafe(row,
            ("n" + id % 10).getBytes(StandardCharsets.UTF_8));
      }
      ((DecimalVector) batch.getVector("price")).setSafe(row, BigDecimal.valueOf(id * 25L, 2));
      ((DateDayVector) batch.getVector("day")).setSafe(row,
          (int) FIRST_DAY.plusDays(id % 366).toEpochDay());
      ((TimeStampMicroVector) batch.getVector("at")).setSafe(row,
          micros(FIRST_TIME.plusSeconds(id)));
      ((Float8Vector) batch.getVector("ratio")).setSafe(row, id / 3.0);
      ((BitVector) batch.getVector("flag")).setSafe(row, id % 2 == 0 ? 1 : 0);
      ((IntVector) batch.getVector("qty")).setSafe(row, id % 100);
    }
    batch.setRowCount(rows);
  }

  private static long micros(LocalDateTime time) {
    return time.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + time.getNano() / 1_000;
  }

  private ParquetTableSource open(String... names) {
    List<LocatedFile> files = new ArrayList<>();
    for (String name : names) {
      files.add(new LocatedFile(name, root.resolve(name)));
    }
    return ParquetTableSource.open(String.join(",", names), files);
  }

  /** Every row the source's splits produce, as Java values. */
  private List<List<Object>> read(ParquetTableSource source, List<Integer> columns,
      Optional<Expression> filter) {
    List<List<Object>> rows = new ArrayList<>();
    for (TableSplit split : source.splits(4)) {
      try (BatchReader reader = source.open(split, columns, filter, allocator, 100)) {
        for (Batch next = reader.next(); next != null; next = reader.next()) {
          try (Batch batch = next) {
            assertTrue(batch.rowCount() <= 100, batch.toString());
            assertEquals(columns.size(), batch.columnCount());
            for (int row = 0; row < batch.rowCount(); row++) {
              List<Object> values = new ArrayList<>();
              for (int column = 0; column < batch.columnCount(); column++) {
                values.add(VectorValues.get(batch.column(column), row));
              }
              rows.add(values);
            }
          }
        }
      }
    }
    return rows;
  }

  private static Expression column(ParquetTableSource source, List<Integer> projection,
      String name) {
    List<String> names = source.rowType().columns().stream().map(c -> c.name()).toList();
    int position = names.indexOf(name);
    return new ColumnReference(projection.indexOf(position), source.rowType().type(position));
  }

  private static Expression call(ScalarFunction function, Expression... arguments) {
    return Call.of(function, DataType.BOOLEAN, arguments);
  }

  @Test
  void readsColumnsWithTheirTypesValuesAndNulls() {
    ParquetTableSource source = open("sales.parquet");
    RowType type = source.rowType();
    assertEquals(List.of("id", "name", "price", "day", "at", "ratio", "flag", "qty"),
        type.columns().stream().map(c -> c.name()).toList());
    assertEquals(DataType.BIGINT.withNullable(false), type.type(0));
    assertEquals(DataType.VARCHAR, type.type(1));
    assertEquals(DataType.decimal(12, 2), type.type(2));
    assertEquals(DataType.DATE, type.type(3));
    assertEquals(DataType.TIMESTAMP, type.type(4));
    assertEquals(DataType.DOUBLE, type.type(5));
    assertEquals(DataType.BOOLEAN, type.type(6));
    assertEquals(DataType.INTEGER, type.type(7));
    assertEquals(ROWS, source.estimatedRowCount());

    List<List<Object>> rows = read(source, List.of(0, 1, 2, 3, 4, 5, 6, 7), Optional.empty());
    assertEquals(ROWS, rows.size());
    assertEquals(List.of(13L, "n3", new BigDecimal("3.25"), FIRST_DAY.plusDays(13),
        FIRST_TIME.plusSeconds(13), 13 / 3.0, false, 13L), rows.get(13));
    assertEquals(null, rows.get(14).get(1));
  }

  @Test
  void producesOnlyTheAskedColumnsInTheAskedOrder() {
    ParquetTableSource source = open("sales.parquet");
    List<List<Object>> rows = read(source, List.of(7, 0, 7), Optional.empty());
    assertEquals(ROWS, rows.size());
    assertEquals(List.of(42L, 142L, 42L), rows.get(142));
    assertEquals("parquet_columns=[qty, id]",
        source.describePushdown(List.of(7, 0, 7), Optional.empty()));
  }

  @Test
  void countsRowsFromTheFooterWhenNoColumnIsAsked() {
    ParquetTableSource source = open("sales.parquet");
    assertEquals(ROWS, read(source, List.of(), Optional.empty()).size());
    assertEquals("parquet_columns=[]", source.describePushdown(List.of(), Optional.empty()));
  }

  @Test
  void conditionsArrowCanEvaluateAreHandedToTheFileReader() {
    ParquetTableSource source = open("sales.parquet");
    List<Integer> projection = List.of(0, 2, 1, 3, 4, 6);
    Expression id = column(source, projection, "id");
    Expression name = column(source, projection, "name");
    Expression price = column(source, projection, "price");
    Expression day = column(source, projection, "day");
    Expression at = column(source, projection, "at");
    Expression flag = column(source, projection, "flag");

    assertReadsExactly(source, projection, call(ScalarFunction.LESS_THAN, id,
        new Literal(10L, DataType.INTEGER)), "id < 10", i -> i < 10);
    assertReadsExactly(source, projection, call(ScalarFunction.GREATER_THAN_OR_EQUAL, price,
        new Literal(new BigDecimal("240.5"), DataType.decimal(4, 1))), "price >= 240.50",
        i -> i * 25 >= 24050);
    assertReadsExactly(source, projection, call(ScalarFunction.AND,
        call(ScalarFunction.EQUAL, name, new Literal("n3", DataType.VARCHAR)),
        call(ScalarFunction.BETWEEN, day, new Literal(FIRST_DAY.plusDays(100), DataType.DATE),
            new Literal(FIRST_DAY.plusDays(200), DataType.DATE))),
        "name = 'n3', (day >= DATE '2024-04-10' AND day <= DATE '2024-07-19')",
        i -> i % 7 != 0 && i % 10 == 3 && i % 366 >= 100 && i % 366 <= 200);
    assertReadsExactly(source, projection, call(ScalarFunction.OR,
        call(ScalarFunction.IN, id, new Literal(1L, DataType.BIGINT),
            new Literal(5L, DataType.BIGINT)),
        call(ScalarFunction.NOT, call(ScalarFunction.IS_NOT_NULL, name))),
        "((id = 1 OR id = 5) OR NOT (name IS NOT NULL))", i -> i == 1 || i == 5 || i % 7 == 0);
    assertReadsExactly(source, projection, call(ScalarFunction.AND, flag,
        call(ScalarFunction.LESS_THAN_OR_EQUAL, at,
            new Literal(FIRST_TIME.plusSeconds(20), DataType.TIMESTAMP)),
        call(ScalarFunction.OR, call(ScalarFunction.EQUAL, id, new Literal(4L, DataType.BIGINT)),
            call(ScalarFunction.EQUAL, id, new Literal(8L, DataType.BIGINT)),
            call(ScalarFunction.GREATER_THAN, id, new Literal(15L, DataType.BIGINT)))),
        "flag, at <= TIMESTAMP '2024-01-01 10:00:20', (id = 4 OR id = 8 OR id > 15)",
        i -> i % 2 == 0 && i <= 20 && (i == 4 || i == 8 || i > 15));
  }

  private void assertReadsExactly(ParquetTableSource source, List<Integer> projection,
      Expression filter, String pushed, IntPredicate expected) {
    assertEquals("parquet_columns=[id, price, name, day, at, flag], parquet_filter=[" + pushed
        + "]", source.describePushdown(projection, Optional.of(filter)));
    // The reader applies no filter of its own: only Arrow can have dropped rows.
    List<Long> ids = read(source, projection, Optional.of(filter)).stream()
        .map(row -> (Long) row.get(0)).sorted().toList();
    List<Long> wanted = java.util.stream.LongStream.range(0, ROWS)
        .filter(i -> expected.test((int) i)).boxed().toList();
    assertEquals(wanted, ids, pushed);
  }

  @Test
  void conditionsArrowWouldJudgeDifferentlyStayWithTheScan() {
    ParquetTableSource source = open("sales.parquet");
    List<Integer> projection = List.of(0, 5);
    Expression ratio = column(source, projection, "ratio");
    // Salvo orders NaN above every number; Arrow's comparisons are false for it.
    Expression onDouble = call(ScalarFunction.GREATER_THAN, ratio,
        new Literal(10.0, DataType.DOUBLE));
    Expression onExpression = call(ScalarFunction.LESS_THAN,
        Call.of(ScalarFunction.ADD, DataType.BIGINT, column(source, projection, "id"),
            new Literal(1L, DataType.BIGINT)), new Literal(5L, DataType.BIGINT));
    for (Expression filter : List.of(onDouble, onExpression)) {
      assertEquals("parquet_columns=[id, ratio]",
          source.describePushdown(projection, Optional.of(filter)));
      assertEquals(ROWS, read(source, projection, Optional.of(filter)).size());
    }
    // One conjunct handed over, the other left to the scan.
    Expression both = call(ScalarFunction.AND, onDouble, call(ScalarFunction.IS_NULL,
        column(source, projection, "id")));
    assertEquals("parquet_columns=[id, ratio], parquet_filter=[id IS NULL]",
        source.describePushdown(projection, Optional.of(both)));
    assertEquals(0, read(source, projection, Optional.of(both)).size());
  }

  @Test
  void convertsTypesSalvoDoesNotStore() {
    Schema schema = new Schema(List.of(
        field("u8", new ArrowType.Int(8, false), true),
        field("u16", new ArrowType.Int(16, false), true),
        field("u32", new ArrowType.Int(32, false), true),
        field("u64", new ArrowType.Int(64, false), true),
        field("nanos", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null), true),
        field("zoned", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"), true),
        field("clock", new ArrowType.Time(TimeUnit.MICROSECOND, 64), true),
        field("text", ArrowType.LargeUtf8.INSTANCE, true),
        field("code", new ArrowType.FixedSizeBinary(2), true),
        field("day", new ArrowType.Date(DateUnit.MILLISECOND), true)));
    LocalDateTime before1970 = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999);
    ParquetWriting.write(root.resolve("types.parquet"), allocator, schema, 1, (batch, index) -> {
      ((UInt1Vector) batch.getVector("u8")).setSafe(0, (byte) 0xFF);
      ((UInt2Vector) batch.getVector("u16")).setSafe(0, (char) 0xFFFF);
      ((UInt4Vector) batch.getVector("u32")).setSafe(0, 0xFFFFFFFF);
      ((UInt8Vector) batch.getVector("u64")).setSafe(0, -1L);
      ((TimeStampNanoVector) batch.getVector("nanos")).setSafe(0,
          micros(before1970) * 1_000 + 999);
      ((TimeStampMilliTZVector) batch.getVector("zoned")).setSafe(0,
          micros(FIRST_TIME) / 1_000);
      ((TimeMicroVector) batch.getVector("clock")).setSafe(0,
          LocalTime.of(10, 11, 12, 345_678_000).toNanoOfDay() / 1_000);
      ((LargeVarCharVector) batch.getVector("text")).setSafe(0,
          "large".getBytes(StandardCharsets.UTF_8));
      ((FixedSizeBinaryVector) batch.getVector("code")).setSafe(0, new byte[] {1, 2});
      ((DateMilliVector) batch.getVector("day")).setSafe(0,
          FIRST_DAY.toEpochDay() * 86_400_000L);
      for (int column = 0; column < schema.getFields().size(); column++) {
        batch.getVector(column).setNull(1);
      }
      batch.setRowCount(2);
    });
    ParquetTableSource source = open("types.parquet");
    assertEquals(List.of(DataType.SMALLINT, DataType.INTEGER, DataType.BIGINT,
        DataType.decimal(20, 0), DataType.TIMESTAMP, DataType.TIMESTAMP, DataType.TIME,
        DataType.VARCHAR, DataType.VARBINARY, DataType.DATE),
        source.rowType().columns().stream().map(c -> c.type()).toList());
    List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    List<List<Object>> rows = read(source, all, Optional.empty());
    List<Object> values = rows.get(0);
    assertEquals(255L, values.get(0));
    assertEquals(65535L, values.get(1));
    assertEquals(4294967295L, values.get(2));
    assertEquals(new BigDecimal("18446744073709551615"), values.get(3));
    assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), values.get(4));
    assertEquals(FIRST_TIME, values.get(5));
    assertEquals(LocalTime.of(10, 11, 12, 345_000_000), values.get(6));
    assertEquals("large", values.get(7));
    assertArrayEquals(new byte[] {1, 2}, (byte[]) values.get(8));
    assertEquals(FIRST_DAY, values.get(9));
    assertTrue(rows.get(1).stream().allMatch(value -> value == null), rows.get(1).toString());
    // Converted columns are not handed to Arrow: its types differ from the literal's.
    Expression onConverted = call(ScalarFunction.EQUAL,
        new ColumnReference(2, DataType.BIGINT), new Literal(1L, DataType.BIGINT));
    assertEquals("parquet_columns=[u8, u16, u32, u64, nanos, zoned, clock, text, code, day]",
        source.describePushdown(all, Optional.of(onConverted)));
    // A null check needs no literal of the file's type: it is handed over for any column.
    Expression nullCheck = call(ScalarFunction.AND,
        call(ScalarFunction.IS_NULL, new ColumnReference(3, DataType.decimal(20, 0))),
        call(ScalarFunction.IS_NULL, new ColumnReference(5, DataType.TIMESTAMP)));
    assertEquals("parquet_columns=[u8, u16, u32, u64, nanos, zoned, clock, text, code, day],"
        + " parquet_filter=[u64 IS NULL, zoned IS NULL]",
        source.describePushdown(all, Optional.of(nullCheck)));
    assertEquals(List.of(rows.get(1)), read(source, all, Optional.of(nullCheck)));
  }

  @Test
  void eachFileOfAPatternIsASplit() throws IOException {
    Files.createDirectories(root.resolve("parts"));
    for (int part = 0; part < 3; part++) {
      int first = part * 10;
      ParquetWriting.write(root.resolve("parts/p" + part + ".parquet"), allocator, SALES, 1,
          (batch, index) -> fillSales(batch, first, 10));
    }
    List<LocatedFile> files = FileLocations.resolveAll(root, "parts/*.parquet");
    ParquetTableSource source = ParquetTableSource.open("parts/*.parquet", files);
    List<TableSplit> splits = source.splits(8);
    assertEquals(List.of("parts/p0.parquet", "parts/p1.parquet", "parts/p2.parquet"),
        splits.stream().map(TableSplit::describe).toList());
    assertEquals(30, source.estimatedRowCount());
    assertEquals(java.util.stream.LongStream.range(0, 30).boxed().toList(),
        read(source, List.of(0), Optional.empty()).stream().map(row -> (Long) row.get(0))
            .sorted().toList());
  }

  @Test
  void filesOfOnePatternMustHaveTheSameColumns() {
    Schema other = new Schema(List.of(field("id", ArrowType.Utf8.INSTANCE, true)));
    ParquetWriting.write(root.resolve("other.parquet"), allocator, other, 1, (batch, index) -> {
      ((VarCharVector) batch.getVector(0)).setSafe(0, "1".getBytes(StandardCharsets.UTF_8));
      batch.setRowCount(1);
    });
    SalvoException error = assertThrows(SalvoException.class,
        () -> open("sales.parquet", "other.parquet"));
    assertEquals(ErrorCode.BAD_FILE_FORMAT, error.code());
    assertEquals("File other.parquet has 1 columns, but sales.parquet has 8",
        error.getMessage());
  }

  @Test
  void aFileThatIsNotParquetFailsNamingTheFile() throws IOException {
    Files.writeString(root.resolve("notes.parquet"), "id,name\n1,apple\n");
    SalvoException error = assertThrows(SalvoException.class, () -> open("notes.parquet"));
    assertEquals(ErrorCode.BAD_FILE_FORMAT, error.code());
    assertTrue(error.getMessage().startsWith(
        "File notes.parquet is not a readable Parquet file: "), error.getMessage());
    assertFalse(error.getMessage().contains(root.toString()), error.getMessage());

    byte[] whole = Files.readAllBytes(root.resolve("sales.parquet"));
    Files.write(root.resolve("cut.parquet"), java.util.Arrays.copyOf(whole, whole.length / 2));
    error = assertThrows(SalvoException.class, () -> open("cut.parquet"));
    assertEquals(ErrorCode.BAD_FILE_FORMAT, error.code());
    assertTrue(error.getMessage().startsWith("File cut.parquet is not a readable Parquet"),
        error.getMessage());
  }

  @Test
  void aFileRemovedAfterPlanningFailsWithFileNotFound() throws IOException {
    Files.copy(root.resolve("sales.parquet"), root.resolve("gone.parquet"));
    ParquetTableSource source = open("gone.parquet");
    Files.delete(root.resolve("gone.parquet"));
    TableSplit split = source.splits(1).get(0);
    SalvoException error = assertThrows(SalvoException.class,
        () -> source.open(split, List.of(0), Optional.empty(), allocator, 100));
    assertEquals(ErrorCode.FILE_NOT_FOUND, error.code());
    assertEquals("File 'gone.parquet' does not exist", error.getMessage());
  }
}
