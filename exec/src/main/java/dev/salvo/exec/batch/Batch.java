package dev.salvo.exec.batch;

import dev.salvo.exec.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Equal-length Arrow column vectors moving through a pipeline.
 *
 * <p>Ownership rule: whoever holds a batch owns its buffers. Pushing a batch to the next
 * operator (or returning it from a source) hands it over, and the receiver must close it exactly
 * once, either directly or by handing its vectors on (for example by transferring them into a
 * new batch). A batch that is never closed leaks, and the query's allocator reports it.
 */
public final class Batch implements AutoCloseable {
  private final VectorSchemaRoot root;

  public Batch(VectorSchemaRoot root) {
    this.root = root;
  }

  /** Wraps vectors that already hold {@code rowCount} values each; the batch takes ownership. */
  public static Batch of(List<FieldVector> vectors, int rowCount) {
    VectorSchemaRoot root = new VectorSchemaRoot(new ArrayList<>(vectors));
    root.setRowCount(rowCount);
    return new Batch(root);
  }

  /** An empty batch of the given row type with freshly allocated (empty) vectors. */
  public static Batch empty(RowType rowType, BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(rowType.toArrowSchema(), allocator);
    root.setRowCount(0);
    return new Batch(root);
  }

  public int rowCount() {
    return root.getRowCount();
  }

  public int columnCount() {
    return root.getFieldVectors().size();
  }

  public FieldVector column(int index) {
    return root.getVector(index);
  }

  public List<FieldVector> columns() {
    return root.getFieldVectors();
  }

  public VectorSchemaRoot root() {
    return root;
  }

  /** Bytes held by this batch's buffers, for memory accounting and progress. */
  public long sizeInBytes() {
    long bytes = 0;
    for (FieldVector vector : root.getFieldVectors()) {
      bytes += vector.getBufferSize();
    }
    return bytes;
  }

  @Override
  public void close() {
    root.close();
  }

  @Override
  public String toString() {
    return "Batch[" + rowCount() + " rows x " + columnCount() + " columns]";
  }
}
