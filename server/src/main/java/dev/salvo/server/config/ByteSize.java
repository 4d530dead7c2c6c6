package dev.salvo.server.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them in configuration: a plain byte count, or a whole number with a
 * binary unit ({@code 512MB}, {@code 4GB}, {@code 64k}; 1 KB = 1024 bytes, like the JVM's own
 * {@code -Xmx}).
 */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(?:([KMGT])I?B?|B)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /** The number of bytes {@code text} stands for, or empty when it is no valid size. */
  public static OptionalLong parse(String text) {
    Matcher matcher = SIZE.matcher(text.trim());
    if (!matcher.matches()) {
      return OptionalLong.empty();
    }
    try {
      long number = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2);
      int shift = unit == null ? 0 : switch (unit.toUpperCase(Locale.ROOT)) {
        case "K" -> 10;
        case "M" -> 20;
        case "G" -> 30;
        default -> 40;
      };
      if (number > (Long.MAX_VALUE >> shift)) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(number << shift);
    } catch (NumberFormatException tooManyDigits) {
      return OptionalLong.empty();
    }
  }

  /** The largest exact unit for {@code bytes}, for log lines: 4294967296 gives "4GB". */
  public static String format(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value != 0 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + units[unit];
  }
}
