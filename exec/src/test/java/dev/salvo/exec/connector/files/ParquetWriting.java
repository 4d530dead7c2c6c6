package dev.salvo.exec.connector.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.arrow.dataset.file.DatasetFileWriter;
import org.apache.arrow.dataset.file.FileFormat;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes Parquet test files with Arrow's own dataset writer. */
final class ParquetWriting {
  private ParquetWriting() {}

  /**
   * Writes {@code batchCount} batches of {@code schema} to {@code file}, each filled by
   * {@code fill(root, batchIndex)} (which must set the row count).
   */
  static void write(Path file, BufferAllocator parent, Schema schema, int batchCount,
      BiConsumer<VectorSchemaRoot, Integer> fill) {
    try (BufferAllocator allocator = parent.newChildAllocator("parquet-writer", 0,
        Long.MAX_VALUE)) {
      writeWith(allocator, file, schema, batchCount, fill);
      // Arrow's native writer releases the last batches it took from the stream on its own
      // threads, shortly after the write returns: wait for that before the allocator closes.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (allocator.getAllocatedMemory() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void writeWith(BufferAllocator allocator, Path file, Schema schema,
      int batchCount, BiConsumer<VectorSchemaRoot, Integer> fill) {
    try {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
          ArrowStreamWriter writer = new ArrowStreamWriter(root, null, stream)) {
        writer.start();
        for (int batch = 0; batch < batchCount; batch++) {
          root.allocateNew();
          fill.accept(root, batch);
          writer.writeBatch();
        }
        writer.end();
      }
      Path directory = Files.createTempDirectory(file.toAbsolutePath().getParent(), "writer");
      try (ArrowStreamReader reader = new ArrowStreamReader(
          new ByteArrayInputStream(stream.toByteArray()), allocator)) {
        DatasetFileWriter.write(allocator, reader, FileFormat.PARQUET,
            directory.toUri().toString());
      }
      try (Stream<Path> written = Files.list(directory)) {
        List<Path> files = written.toList();
        if (files.size() != 1) {
          throw new IllegalStateException("expected one written file, got " + files);
        }
        Files.move(files.get(0), file);
      }
      Files.delete(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
