package dev.salvo.exec.connector.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one Protocol Buffers message in the wire format: numbered fields as varints, fixed-width
 * numbers and length-delimited bytes, strings or nested messages. Enough to produce the few
 * Substrait messages Arrow's dataset scanner reads, without the Substrait and protobuf libraries.
 */
final class ProtobufWriter {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** An unsigned integer, an enum value or a boolean (0 or 1) as a varint. */
  ProtobufWriter varint(int field, long value) {
    tag(field, VARINT);
    writeVarint(value);
    return this;
  }

  /**
   * A signed 32-bit integer ({@code int32}): negative values are sign-extended to ten bytes, as
   * the format requires.
   */
  ProtobufWriter int32(int field, int value) {
    return varint(field, value);
  }

  ProtobufWriter bool(int field, boolean value) {
    return varint(field, value ? 1 : 0);
  }

  ProtobufWriter float32(int field, float value) {
    tag(field, FIXED32);
    int bits = Float.floatToIntBits(value);
    for (int shift = 0; shift < 32; shift += 8) {
      out.write(bits >>> shift);
    }
    return this;
  }

  ProtobufWriter float64(int field, double value) {
    tag(field, FIXED64);
    long bits = Double.doubleToLongBits(value);
    for (int shift = 0; shift < 64; shift += 8) {
      out.write((int) (bits >>> shift));
    }
    return this;
  }

  ProtobufWriter bytes(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    writeVarint(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  ProtobufWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A nested message; an empty one still marks the field (and its oneof case) as set. */
  ProtobufWriter message(int field, ProtobufWriter message) {
    return bytes(field, message.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    writeVarint(((long) field << 3) | wireType);
  }

  private void writeVarint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }
}
