package dev.salvo.exec.connector.files;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records: fields separated by the delimiter, optionally quoted (a quoted
 * field may hold delimiters, line breaks and doubled quotes). An unquoted empty field is null; a
 * quoted empty field is the empty string. Lines end with LF or CRLF; blank lines are skipped.
 */
public final class CsvParser {
  private final Reader input;
  private final String fileName;
  private final CsvOptions options;
  private int line = 1;
  private int recordLine;
  private int pushedBack = -2;

  public CsvParser(Reader input, String fileName, CsvOptions options) {
    this.input = input;
    this.fileName = fileName;
    this.options = options;
  }

  /** The line the last record returned by {@link #next()} started on, 1-based. */
  public int recordLine() {
    return recordLine;
  }

  /** The next record's fields (null for a NULL field), or null at the end of the input. */
  public List<String> next() {
    try {
      int c = read();
      while (c == '\n' || c == '\r') {
        c = skipLineBreak(c);
      }
      if (c == -1) {
        return null;
      }
      recordLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      while (true) {
        boolean quoted = false;
        field.setLength(0);
        if (c == options.quote()) {
          quoted = true;
          int quoteLine = line;
          while (true) {
            c = read();
            if (c == -1) {
              throw error(quoteLine, "a quoted field is not closed before the end of the file");
            }
            if (c == options.quote()) {
              c = read();
              if (c != options.quote()) {
                break;
              }
            } else if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
          if (c != options.delimiter() && c != '\n' && c != '\r' && c != -1) {
            throw error(line, "unexpected character '" + (char) c
                + "' after a quoted field");
          }
        } else {
          while (c != options.delimiter() && c != '\n' && c != '\r' && c != -1) {
            if (c == options.quote()) {
              throw error(line, "a quote inside an unquoted field");
            }
            field.append((char) c);
            c = read();
          }
        }
        fields.add(!quoted && field.isEmpty() ? null : field.toString());
        if (c == options.delimiter()) {
          c = read();
          continue;
        }
        if (c != -1) {
          pushedBack = skipLineBreak(c);
        }
        return fields;
      }
    } catch (IOException e) {
      throw new SalvoException(ErrorCode.BAD_FILE_FORMAT,
          "Cannot read file " + fileName + " at line " + line + ": " + e.getMessage(), e);
    }
  }

  /** Consumes the line break starting with {@code c} and returns the character after it. */
  private int skipLineBreak(int c) throws IOException {
    line++;
    int after = read();
    if (c == '\r' && after == '\n') {
      after = read();
    }
    return after;
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return input.read();
  }

  /** A malformed-file error naming the file and the line. */
  public SalvoException error(int atLine, String problem) {
    return new SalvoException(ErrorCode.BAD_FILE_FORMAT,
        "File " + fileName + ", line " + atLine + ": " + problem);
  }
}
