package dev.salvo.sql.catalog;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.files.ArrowIpcFiles;
import dev.salvo.exec.connector.files.CsvOptions;
import dev.salvo.exec.connector.files.CsvTableSource;
import dev.salvo.exec.connector.files.FileLocations;
import dev.salvo.exec.connector.files.ParquetTableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Files under the data directory as tables: the table functions {@code read_csv},
 * {@code read_arrow} and {@code read_parquet}, and the {@code files} schema, whose table names
 * are paths relative to the data directory ({@code files."sales/2024.csv"}).
 */
final class FileTables {
  /** The schema whose tables are the data directory's files. */
  static final String FILES_SCHEMA = "files";
  /** Directories of the data directory that hold Salvo's own state, not the user's files. */
  private static final Set<String> PRIVATE_DIRECTORIES = Set.of("tables", "catalog");

  private FileTables() {}

  /** The table for {@code path}, by its extension: .csv, .arrow (or .ipc, .feather), .parquet. */
  static TableSource open(Path root, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return csv(root, path, CsvOptions.DEFAULT);
    }
    if (lower.endsWith(".arrow") || lower.endsWith(".ipc") || lower.endsWith(".feather")) {
      return arrow(root, path);
    }
    if (lower.endsWith(".parquet")) {
      return parquet(root, path);
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, "File '" + path
        + "' has no known extension (.csv, .arrow, .ipc, .feather, .parquet)");
  }

  static TableSource csv(Path root, String path, CsvOptions options) {
    return new CsvTableSource(path, FileLocations.resolve(root, path), options);
  }

  static TableSource arrow(Path root, String path) {
    return ArrowIpcFiles.open(path, FileLocations.resolve(root, path));
  }

  /** One Parquet file, or every file a glob pattern ({@code sales/*.parquet}) matches. */
  static TableSource parquet(Path root, String path) {
    return ParquetTableSource.open(path, FileLocations.resolveAll(root, path));
  }

  /** The {@code files} schema over {@code root}; files are listed and read at each lookup. */
  static AbstractSchema schema(Path root) {
    return new AbstractSchema() {
      @Override
      protected java.util.Map<String, Table> getTableMap() {
        java.util.Map<String, Table> tables = new java.util.LinkedHashMap<>();
        for (String path : listFiles(root)) {
          tables.put(path, new LazyFileTable(root, path));
        }
        return tables;
      }
    };
  }

  private static List<String> listFiles(Path root) {
    List<String> paths = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return paths;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(file -> {
        Path relative = root.relativize(file);
        String lower = relative.toString().toLowerCase(Locale.ROOT);
        boolean known = lower.endsWith(".csv") || lower.endsWith(".arrow")
            || lower.endsWith(".ipc") || lower.endsWith(".feather")
            || lower.endsWith(".parquet");
        if (known && !PRIVATE_DIRECTORIES.contains(relative.getName(0).toString())) {
          paths.add(relative.toString().replace('\\', '/'));
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND,
          "Cannot list the data directory: " + e.getMessage(), e);
    }
    paths.sort(null);
    return paths;
  }

  /** A file of the {@code files} schema, opened (its header and types read) only when used. */
  private static final class LazyFileTable extends org.apache.calcite.schema.impl.AbstractTable
      implements TranslatableTable {
    private final Path root;
    private final String path;
    private ConnectorTable table;

    LazyFileTable(Path root, String path) {
      this.root = root;
      this.path = path;
    }

    private synchronized ConnectorTable table() {
      if (table == null) {
        table = new ConnectorTable(open(root, path));
      }
      return table;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      return table().getRowType(typeFactory);
    }

    @Override
    public org.apache.calcite.schema.Statistic getStatistic() {
      return table().getStatistic();
    }

    @Override
    public org.apache.calcite.rel.RelNode toRel(
        org.apache.calcite.plan.RelOptTable.ToRelContext context,
        org.apache.calcite.plan.RelOptTable relOptTable) {
      return table().toRel(context, relOptTable);
    }

    @Override
    public <C> C unwrap(Class<C> type) {
      return type.isInstance(table()) ? type.cast(table()) : super.unwrap(type);
    }
  }

  /** {@code read_csv(path [, header => b] [, delimiter => 'c'] [, quote => 'c'])}. */
  static TableMacro readCsv(Path root) {
    return macro(List.of(parameter(0, "path", SqlTypeName.VARCHAR, false),
        parameter(1, "header", SqlTypeName.BOOLEAN, true),
        parameter(2, "delimiter", SqlTypeName.VARCHAR, true),
        parameter(3, "quote", SqlTypeName.VARCHAR, true)),
        arguments -> csv(root, text(arguments, 0), CsvOptions.of((Boolean) arguments.get(1),
            text(arguments, 2), text(arguments, 3))));
  }

  /** {@code read_arrow(path)}: an Arrow IPC file. */
  static TableMacro readArrow(Path root) {
    return macro(List.of(parameter(0, "path", SqlTypeName.VARCHAR, false)),
        arguments -> arrow(root, text(arguments, 0)));
  }

  /** {@code read_parquet(path)}: a Parquet file, or the files a glob pattern matches. */
  static TableMacro readParquet(Path root) {
    return macro(List.of(parameter(0, "path", SqlTypeName.VARCHAR, false)),
        arguments -> parquet(root, text(arguments, 0)));
  }

  private static String text(List<?> arguments, int index) {
    Object value = index < arguments.size() ? arguments.get(index) : null;
    return value == null ? null : value.toString();
  }

  private static TableMacro macro(List<FunctionParameter> parameters,
      java.util.function.Function<List<?>, TableSource> open) {
    return new TableMacro() {
      @Override
      public TranslatableTable apply(List<?> arguments) {
        return new ConnectorTable(open.apply(arguments));
      }

      @Override
      public List<FunctionParameter> getParameters() {
        return parameters;
      }
    };
  }

  private static FunctionParameter parameter(int ordinal, String name, SqlTypeName type,
      boolean optional) {
    return new FunctionParameter() {
      @Override
      public int getOrdinal() {
        return ordinal;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public RelDataType getType(RelDataTypeFactory typeFactory) {
        // Calcite hands a table macro literal argument values only for parameters of Java types.
        Class<?> javaClass = type == SqlTypeName.BOOLEAN ? Boolean.class : String.class;
        JavaTypeFactory javaTypes = typeFactory instanceof JavaTypeFactory java ? java
            : new JavaTypeFactoryImpl(typeFactory.getTypeSystem());
        return javaTypes.createType(javaClass);
      }

      @Override
      public boolean isOptional() {
        return optional;
      }
    };
  }
}
