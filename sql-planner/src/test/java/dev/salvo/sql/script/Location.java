package dev.salvo.sql.script;

/** Where a script record starts: the script's path under {@code sql/} and a 1-based line. */
record Location(String file, int line) {
  @Override
  public String toString() {
    return file + ":" + line;
  }
}
