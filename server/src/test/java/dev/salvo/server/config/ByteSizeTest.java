package dev.salvo.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void parsesPlainBytesAndBinaryUnits() {
    assertEquals(OptionalLong.of(1234), ByteSize.parse("1234"));
    assertEquals(OptionalLong.of(10), ByteSize.parse("10B"));
    assertEquals(OptionalLong.of(64L << 10), ByteSize.parse("64KB"));
    assertEquals(OptionalLong.of(512L << 20), ByteSize.parse("512MB"));
    assertEquals(OptionalLong.of(4L << 30), ByteSize.parse("4GB"));
    assertEquals(OptionalLong.of(2L << 40), ByteSize.parse("2TB"));
    assertEquals(OptionalLong.of(4L << 30), ByteSize.parse(" 4 gb "));
    assertEquals(OptionalLong.of(4L << 30), ByteSize.parse("4G"));
    assertEquals(OptionalLong.of(4L << 30), ByteSize.parse("4GiB"));
  }

  @Test
  void rejectsWhatIsNoSize() {
    for (String text : new String[] {"", "GB", "4XB", "-1", "1.5GB", "4 G B", "99999999999TB",
        "99999999999999999999"}) {
      assertTrue(ByteSize.parse(text).isEmpty(), text);
    }
  }

  @Test
  void formatsWithTheLargestExactUnit() {
    assertEquals("4GB", ByteSize.format(4L << 30));
    assertEquals("1536MB", ByteSize.format(1536L << 20));
    assertEquals("1000B", ByteSize.format(1000));
    assertEquals("0B", ByteSize.format(0));
  }
}
