package dev.salvo.exec.connector.tpch;

import dev.salvo.exec.connector.BatchReader;
import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.TableSplit;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.arrow.memory.BufferAllocator;

/** One TPC-H table at one scale factor, generated while it is read. */
final class TpchTableSource implements TableSource {
  /** TPC-H money, quantities, discounts and taxes: exact cents. */
  static final DataType MONEY = DataType.decimal(15, 2).withNullable(false);

  private final String name;
  private final TpchTable<TpchEntity> table;
  private final double scaleFactor;
  private final RowType rowType;

  @SuppressWarnings("unchecked")
  TpchTableSource(String schemaName, TpchTable<?> table, double scaleFactor) {
    this.name = "tpch." + schemaName + "." + table.getTableName();
    this.table = (TpchTable<TpchEntity>) table;
    this.scaleFactor = scaleFactor;
    List<Column> columns = new ArrayList<>();
    for (TpchColumn<?> column : table.getColumns()) {
      columns.add(new Column(column.getColumnName(), typeOf(column.getType())));
    }
    this.rowType = new RowType(columns);
  }

  static DataType typeOf(TpchColumnType type) {
    DataType dataType = switch (type.getBase()) {
      case IDENTIFIER -> DataType.BIGINT;
      case INTEGER -> DataType.INTEGER;
      case DATE -> DataType.DATE;
      // The library stores these as whole cents (or percent) behind a double accessor.
      case DOUBLE -> MONEY;
      case VARCHAR -> DataType.VARCHAR;
    };
    return dataType.withNullable(false);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RowType rowType() {
    return rowType;
  }

  /** The scale factor: what decides the generated rows. */
  @Override
  public String version() {
    return "scale factor " + scaleFactor;
  }

  /** Two sources of one table at one scale factor generate the same rows. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TpchTableSource that && name.equals(that.name)
        && Double.compare(scaleFactor, that.scaleFactor) == 0;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Double.hashCode(scaleFactor);
  }

  TpchTable<TpchEntity> table() {
    return table;
  }

  double scaleFactor() {
    return scaleFactor;
  }

  @Override
  public List<List<Integer>> uniqueKeys() {
    List<String> key = switch (table.getTableName()) {
      case "region" -> List.of("r_regionkey");
      case "nation" -> List.of("n_nationkey");
      case "part" -> List.of("p_partkey");
      case "supplier" -> List.of("s_suppkey");
      case "partsupp" -> List.of("ps_partkey", "ps_suppkey");
      case "customer" -> List.of("c_custkey");
      case "orders" -> List.of("o_orderkey");
      case "lineitem" -> List.of("l_orderkey", "l_linenumber");
      default -> List.of();
    };
    List<Integer> positions = new ArrayList<>(key.size());
    for (String column : key) {
      for (int i = 0; i < rowType.size(); i++) {
        if (rowType.column(i).name().equals(column)) {
          positions.add(i);
        }
      }
    }
    // The primary keys of the TPC-H specification.
    return positions.isEmpty() ? List.of() : List.of(List.copyOf(positions));
  }

  /**
   * The distinct values the TPC-H specification's generation rules give each column at this
   * scale factor (fixed domains such as 25 nations or 2406 order dates, keys scaling with their
   * table), never more than the table's rows.
   */
  @Override
  public OptionalDouble distinctCount(int column) {
    String columnName = rowType.column(column).name();
    double rows = estimatedRowCount();
    double count = switch (columnName) {
      case "r_regionkey", "r_name", "r_comment", "n_regionkey", "p_mfgr", "c_mktsegment",
          "o_orderpriority" -> 5;
      case "n_nationkey", "n_name", "n_comment", "s_nationkey", "c_nationkey", "p_brand" -> 25;
      case "p_type" -> 150;
      case "p_size", "l_quantity" -> 50;
      case "p_container" -> 40;
      // Prices, balances and costs are cents within a fixed range.
      case "p_retailprice" -> 119_900;
      case "s_acctbal", "c_acctbal" -> 1_099_999;
      case "ps_supplycost" -> 99_901;
      case "ps_availqty" -> 9_999;
      case "ps_partkey", "l_partkey" -> scaled(200_000);
      case "ps_suppkey", "l_suppkey" -> scaled(10_000);
      // Only two customers in three place orders.
      case "o_custkey" -> scaled(100_000);
      case "l_orderkey" -> scaled(1_500_000);
      case "o_orderstatus", "l_returnflag" -> 3;
      case "o_clerk" -> scaled(1_000);
      case "o_shippriority" -> 1;
      // Order dates span 1992-01-01 to 1998-08-02; ship, commit and receipt dates follow them.
      case "o_orderdate" -> 2_406;
      case "l_shipdate" -> 2_526;
      case "l_commitdate" -> 2_466;
      case "l_receiptdate" -> 2_555;
      case "l_linenumber", "l_shipmode" -> 7;
      case "l_discount" -> 11;
      case "l_tax" -> 9;
      case "l_linestatus" -> 2;
      case "l_shipinstruct" -> 4;
      // Keys, names, addresses, phones, comments and extended prices: about one per row.
      default -> rows;
    };
    return OptionalDouble.of(Math.max(1, Math.min(count, rows)));
  }

  @Override
  public long estimatedRowCount() {
    return switch (table.getTableName()) {
      // Orders have one to seven line items, four on average.
      case "lineitem" -> 4 * generatorUnits();
      // Every part has four suppliers.
      case "partsupp" -> 4 * generatorUnits();
      default -> generatorUnits();
    };
  }

  /** How many rows the generator splits into parts: orders for lineitem, parts for partsupp. */
  private long generatorUnits() {
    return switch (table.getTableName()) {
      case "region" -> 5;
      case "nation" -> 25;
      case "part", "partsupp" -> scaled(200_000);
      case "supplier" -> scaled(10_000);
      case "customer" -> scaled(150_000);
      case "orders", "lineitem" -> scaled(1_500_000);
      default -> throw new IllegalStateException("Unknown TPC-H table " + table.getTableName());
    };
  }

  private long scaled(long base) {
    return Math.max(1, (long) (base * scaleFactor));
  }

  @Override
  public List<TableSplit> splits(int targetCount) {
    // The library generates region and nation whole, and nothing at all for a part count above 1.
    boolean splittable = !table.getTableName().equals("region")
        && !table.getTableName().equals("nation");
    int count = splittable
        ? (int) Math.max(1, Math.min(targetCount, generatorUnits()))
        : 1;
    List<TableSplit> splits = new ArrayList<>(count);
    for (int part = 1; part <= count; part++) {
      splits.add(new TpchSplit(part, count));
    }
    return splits;
  }

  @Override
  public BatchReader open(TableSplit split, List<Integer> columns, BufferAllocator allocator,
      int batchSize) {
    if (!(split instanceof TpchSplit tpchSplit)) {
      throw new IllegalArgumentException("Not a TPC-H split: " + split.describe());
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    return new TpchBatchReader(this, tpchSplit, columns, allocator, batchSize);
  }

  @Override
  public String toString() {
    return name;
  }
}
