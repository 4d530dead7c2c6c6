package dev.salvo.server.flightsql;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fills the small fixed-schema results of Flight SQL metadata commands from rows given as
 * column name to value, so that each command only says what its rows hold.
 */
final class MetadataRows {
  private MetadataRows() {}

  /**
   * A root of {@code schema} holding {@code rows}; a column a row does not name is NULL.
   * The caller owns (and closes) the root.
   */
  static VectorSchemaRoot fill(Schema schema, List<Map<String, Object>> rows,
      BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      root.allocateNew();
      for (FieldVector vector : root.getFieldVectors()) {
        for (int row = 0; row < rows.size(); row++) {
          set(vector, row, rows.get(row).get(vector.getName()));
        }
        vector.setValueCount(rows.size());
      }
      root.setRowCount(rows.size());
      return root;
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void set(FieldVector vector, int row, Object value) {
    if (value == null) {
      if (vector instanceof ListVector list) {
        list.setNull(row);
      } else {
        vector.setNull(row);
      }
      return;
    }
    if (vector instanceof VarCharVector text) {
      text.setSafe(row, value.toString().getBytes(StandardCharsets.UTF_8));
    } else if (vector instanceof IntVector integer) {
      integer.setSafe(row, ((Number) value).intValue());
    } else if (vector instanceof BitVector bit) {
      bit.setSafe(row, (Boolean) value ? 1 : 0);
    } else if (vector instanceof VarBinaryVector binary) {
      binary.setSafe(row, (byte[]) value);
    } else if (vector instanceof ListVector list) {
      UnionListWriter writer = list.getWriter();
      writer.setPosition(row);
      writer.startList();
      for (Object element : (List<?>) value) {
        writer.writeVarChar(element.toString());
      }
      writer.endList();
    } else {
      throw new IllegalStateException("No metadata writer for " + vector.getField());
    }
  }
}
