package dev.salvo.sql.function;

import java.util.List;

/**
 * Where function definitions outlive the server: each is kept as the text of its
 * {@code CREATE FUNCTION} statement plus the server's copy of its jar. Implementations are
 * thread-safe.
 */
public interface FunctionStore {
  /** Every stored function, in creation order. */
  List<StoredFunction> loadAll();

  /** Stores {@code function}, replacing a stored function of the same name. */
  void save(StoredFunction function);

  /** Forgets the function named {@code name} (case-insensitive); absent names are ignored. */
  void delete(String name);
}
