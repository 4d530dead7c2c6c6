package dev.salvo.sql.function;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A store that keeps definitions only as long as the process: for embedded engines and tests. */
public final class InMemoryFunctionStore implements FunctionStore {
  private final Map<String, StoredFunction> functions = new LinkedHashMap<>();

  @Override
  public synchronized List<StoredFunction> loadAll() {
    return new ArrayList<>(functions.values());
  }

  @Override
  public synchronized void save(StoredFunction function) {
    functions.remove(key(function.name()));
    functions.put(key(function.name()), function);
  }

  @Override
  public synchronized void delete(String name) {
    functions.remove(key(name));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
