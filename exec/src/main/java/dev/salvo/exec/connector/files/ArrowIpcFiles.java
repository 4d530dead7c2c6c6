package dev.salvo.exec.connector.files;

import dev.salvo.exec.connector.TableSource;
import dev.salvo.exec.connector.storage.DataFile;
import dev.salvo.exec.connector.storage.StoredTableSource;
import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.exec.type.TypeKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow IPC files (the random-access "file" format) read as tables, through the same reader as
 * durable tables' data files; each column must have a type Salvo computes on as it is stored.
 */
public final class ArrowIpcFiles {
  private ArrowIpcFiles() {}

  /** A source over {@code file}, whose footer gives the columns and record batch count. */
  public static TableSource open(String name, Path file) {
    Schema schema;
    long rows = 0;
    int batches;
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      schema = reader.getVectorSchemaRoot().getSchema();
      List<ArrowBlock> blocks = reader.getRecordBlocks();
      batches = blocks.size();
      for (ArrowBlock block : blocks) {
        reader.loadRecordBatch(block);
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
    } catch (IOException | RuntimeException e) {
      throw new SalvoException(ErrorCode.BAD_FILE_FORMAT,
          "File " + name + " is not a readable Arrow IPC file: " + e.getMessage(), e);
    }
    List<Column> columns = new ArrayList<>();
    for (Field field : schema.getFields()) {
      columns.add(new Column(field.getName(), columnType(name, field)));
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.FILE_NOT_FOUND,
          "Cannot read file " + name + ": " + e.getMessage(), e);
    }
    return new StoredTableSource(name, new RowType(columns), file.getParent(),
        List.of(new DataFile(file.getFileName().toString(), rows, batches, size)));
  }

  private static DataType columnType(String fileName, Field field) {
    for (TypeKind kind : TypeKind.values()) {
      if (kind == TypeKind.NULL || kind == TypeKind.DECIMAL) {
        continue;
      }
      DataType candidate = DataType.of(kind).withNullable(field.isNullable());
      if (candidate.toArrowType().equals(field.getType())) {
        return candidate;
      }
    }
    if (field.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Decimal decimal
        && decimal.getBitWidth() == 128) {
      return new DataType(TypeKind.DECIMAL, decimal.getPrecision(), decimal.getScale(),
          field.isNullable());
    }
    throw new SalvoException(ErrorCode.NOT_SUPPORTED, "File " + fileName + ", column "
        + field.getName() + ": Arrow type " + field.getType() + " is not supported");
  }
}
