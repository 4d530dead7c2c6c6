package dev.salvo.exec.expr.string;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.util.Locale;

/** The per-value string functions, on Java strings and in characters (code points). */
final class StringFunctions {
  private StringFunctions() {}

  /** SQL SUBSTRING: characters start .. start + length - 1 that exist, 1-based. */
  static String substring(String value, long start, Long length) {
    if (length != null && length < 0) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "Negative substring length " + length + " in SUBSTRING");
    }
    long characters = value.codePointCount(0, value.length());
    long end = length == null ? Long.MAX_VALUE : saturatedAdd(start, length); // exclusive
    long from = Math.max(start, 1);
    long to = Math.min(end, characters + 1);
    if (from >= to) {
      return "";
    }
    int begin = value.offsetByCodePoints(0, (int) (from - 1));
    return value.substring(begin, value.offsetByCodePoints(begin, (int) (to - from)));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }

  static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }

  /** Removes the characters of {@code characters} from the chosen ends of {@code value}. */
  static String trim(String characters, String value, boolean leading, boolean trailing) {
    int begin = 0;
    int end = value.length();
    while (leading && begin < end) {
      int c = value.codePointAt(begin);
      if (characters.indexOf(c) < 0) {
        break;
      }
      begin += Character.charCount(c);
    }
    while (trailing && end > begin) {
      int c = value.codePointBefore(end);
      if (characters.indexOf(c) < 0) {
        break;
      }
      end -= Character.charCount(c);
    }
    return value.substring(begin, end);
  }

  /** 1-based character position of {@code substring} in {@code value}, 0 when absent. */
  static long position(String substring, String value) {
    int index = value.indexOf(substring);
    return index < 0 ? 0 : value.codePointCount(0, index) + 1;
  }

  static String replace(String value, String search, String replacement) {
    return search.isEmpty() ? value : value.replace(search, replacement);
  }
}
