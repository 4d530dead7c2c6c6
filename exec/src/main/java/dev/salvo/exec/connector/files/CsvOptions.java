package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;

/**
 * How a CSV file is written: whether its first line names the columns, the character between
 * fields and the character around quoted fields (doubled inside them to stand for itself).
 */
public record CsvOptions(boolean header, char delimiter, char quote) {
  public static final CsvOptions DEFAULT = new CsvOptions(true, ',', '"');

  public CsvOptions {
    if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n'
        || quote == '\r') {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "CSV delimiter and quote must be different characters other than line breaks");
    }
  }

  /** Options from SQL arguments, where null keeps the default and strings must be one character. */
  public static CsvOptions of(Boolean header, String delimiter, String quote) {
    return new CsvOptions(header == null ? DEFAULT.header : header,
        character("delimiter", delimiter, DEFAULT.delimiter),
        character("quote", quote, DEFAULT.quote));
  }

  private static char character(String option, String value, char fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.length() != 1) {
      throw new SalvoException(ErrorCode.INVALID_ARGUMENT,
          "CSV option " + option + " must be one character, got '" + value + "'");
    }
    return value.charAt(0);
  }
}
