package dev.salvo.sql.script;

/** A script that does not follow the sqllogictest format; the message names file and line. */
final class ScriptFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ScriptFormatException(Location location, String message) {
    super(location + ": " + message);
  }
}
