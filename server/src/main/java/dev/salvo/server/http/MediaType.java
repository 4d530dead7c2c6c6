package dev.salvo.server.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** A request's {@code Content-Type}: the bare media type and the charset its text is in. */
record MediaType(String type, Charset charset) {

  /** Parses a Content-Type header value; null or blank means none was sent. */
  static MediaType parse(String header) {
    if (header == null || header.isBlank()) {
      return new MediaType("", StandardCharsets.UTF_8);
    }
    String[] parts = header.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    Charset charset = StandardCharsets.UTF_8;
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
        charset = charsetNamed(parameter[1].trim().replace("\"", ""));
      }
    }
    return new MediaType(type, charset);
  }

  private static Charset charsetNamed(String name) {
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }
}
