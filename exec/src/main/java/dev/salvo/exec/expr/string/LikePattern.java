package dev.salvo.exec.expr.string;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A compiled SQL LIKE pattern that matches UTF-8 bytes in memory (a value of an Arrow buffer). Patterns made only of
 * text and {@code %} (exact, prefix, suffix, contains and their combinations) match bytes
 * directly; a pattern with {@code _} (one character, not one byte) becomes a regular expression.
 */
abstract class LikePattern {
  /** Whether the {@code length} bytes at {@code address}, checked by the caller, match. */
  abstract boolean matches(long address, int length);

  /** Compiles {@code pattern}; {@code escape} is null or a one-character string. */
  static LikePattern compile(String pattern, String escape) {
    int escapeCharacter = -1;
    if (escape != null) {
      if (escape.codePointCount(0, escape.length()) != 1) {
        throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
            "LIKE escape must be a single character, not '" + escape + "'");
      }
      escapeCharacter = escape.codePointAt(0);
    }
    // the text between % wildcards; null entries in "regex" mark _ wildcards
    List<String> segments = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    StringBuilder segment = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    boolean anySingle = false;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == escapeCharacter) {
        if (i >= pattern.length()) {
          throw invalidEscape(pattern);
        }
        int escaped = pattern.codePointAt(i);
        i += Character.charCount(escaped);
        if (escaped != '%' && escaped != '_' && escaped != escapeCharacter) {
          throw invalidEscape(pattern);
        }
        segment.appendCodePoint(escaped);
        literal.appendCodePoint(escaped);
      } else if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        if (c == '%') {
          segments.add(segment.toString());
          segment.setLength(0);
          regex.append(".*");
        } else {
          anySingle = true;
          regex.append('.');
        }
      } else {
        segment.appendCodePoint(c);
        literal.appendCodePoint(c);
      }
    }
    segments.add(segment.toString());
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    if (anySingle) {
      return new RegexPattern(Pattern.compile(regex.toString(), Pattern.DOTALL));
    }
    return new SegmentPattern(segments);
  }

  private static SalvoException invalidEscape(String pattern) {
    return new SalvoException(ErrorCode.INVALID_ARGUMENT,
        "Invalid escape sequence in LIKE pattern '" + pattern + "'");
  }

  /** {@code p0 % p1 % ... % pk}: a prefix, a suffix and texts to find in order between them. */
  private static final class SegmentPattern extends LikePattern {
    private final boolean exact;
    private final byte[] prefix;
    private final byte[] suffix;
    private final byte[][] middle;

    SegmentPattern(List<String> segments) {
      exact = segments.size() == 1;
      prefix = bytes(segments.get(0));
      suffix = exact ? prefix : bytes(segments.get(segments.size() - 1));
      middle = segments.subList(Math.min(1, segments.size()), Math.max(segments.size() - 1, 1))
          .stream().filter(text -> !text.isEmpty()).map(SegmentPattern::bytes)
          .toArray(byte[][]::new);
    }

    private static byte[] bytes(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    boolean matches(long address, int length) {
      if (exact) {
        return length == prefix.length && regionMatches(address, prefix);
      }
      if (length < prefix.length + suffix.length
          || !regionMatches(address, prefix)
          || !regionMatches(address + length - suffix.length, suffix)) {
        return false;
      }
      long position = address + prefix.length;
      long end = address + length - suffix.length;
      for (byte[] text : middle) {
        long found = indexOf(position, end, text);
        if (found < 0) {
          return false;
        }
        position = found + text.length; // leftmost match leaves the most room for the rest
      }
      return true;
    }

    private static boolean regionMatches(long address, byte[] text) {
      for (int i = 0; i < text.length; i++) {
        if (MemoryUtil.getByte(address + i) != text[i]) {
          return false;
        }
      }
      return true;
    }

    /** The address of the first occurrence of {@code text} in {@code [from, end)}, or -1. */
    private static long indexOf(long from, long end, byte[] text) {
      byte first = text[0];
      for (long i = from; i + text.length <= end; i++) {
        if (MemoryUtil.getByte(i) == first && regionMatches(i, text)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Patterns with {@code _}: matched on the decoded text. */
  private static final class RegexPattern extends LikePattern {
    private final Pattern regex;

    RegexPattern(Pattern regex) {
      this.regex = regex;
    }

    @Override
    boolean matches(long address, int length) {
      byte[] bytes = new byte[length];
      MemoryUtil.copyFromMemory(address, bytes, 0, length);
      return regex.matcher(new String(bytes, StandardCharsets.UTF_8)).matches();
    }
  }
}
