package dev.salvo.sql.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded, least-recently-used cache of planning results, dropped as a whole when anything a
 * plan depends on changes (the catalog, the function registry): whoever changes those calls
 * {@link #invalidateAll()}.
 *
 * <p>Each entry remembers the catalog version it was computed under. A value computed while an
 * invalidation happened is handed to its caller but not kept, so a plan that may name a dropped
 * table never outlives the change. Keys must hold everything the value depends on besides the
 * catalog: the SQL text, bound parameter values and, once sessions have settings, those.
 *
 * <p>Thread-safe. Two threads missing the same key at once both compute it; planning is
 * side-effect free, so the only cost is the duplicated work.
 *
 * @param <K> the key; its {@code equals} decides what counts as the same statement
 * @param <V> the cached planning result, which must be immutable: it is shared by queries
 */
public final class PlanCache<K, V> {
  private final int capacity;
  private final AtomicLong catalogVersion = new AtomicLong();
  private final Map<K, Entry<V>> entries;
  private long hits;
  private long misses;

  private record Entry<V>(V value, long catalogVersion) {}

  /** @param capacity the most entries kept; 0 disables caching */
  public PlanCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > PlanCache.this.capacity;
      }
    };
  }

  /**
   * The value cached for {@code key}, or the one {@code compute} returns, which is then cached.
   * Errors from {@code compute} propagate and cache nothing, so a statement that failed because
   * a table was missing plans again once the table exists.
   */
  public V get(K key, Function<K, V> compute) {
    long version = catalogVersion.get();
    synchronized (entries) {
      Entry<V> entry = entries.get(key);
      if (entry != null && entry.catalogVersion() == version) {
        hits++;
        return entry.value();
      }
      misses++;
    }
    V value = compute.apply(key);
    synchronized (entries) {
      if (capacity > 0 && catalogVersion.get() == version) {
        entries.put(key, new Entry<>(value, version));
      }
    }
    return value;
  }

  /**
   * The value cached for {@code key}, or null. Only a value found counts, as a hit: a caller
   * that goes on to compute the value calls {@link #get}, which counts the miss.
   */
  public V getIfPresent(K key) {
    long version = catalogVersion.get();
    synchronized (entries) {
      Entry<V> entry = entries.get(key);
      if (entry != null && entry.catalogVersion() == version) {
        hits++;
        return entry.value();
      }
      return null;
    }
  }

  /** Forgets every entry; values being computed now are not kept either. */
  public void invalidateAll() {
    synchronized (entries) {
      catalogVersion.incrementAndGet();
      entries.clear();
    }
  }

  /** How many times {@link #invalidateAll()} was called: the catalog version entries carry. */
  public long catalogVersion() {
    return catalogVersion.get();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Lookups answered from the cache since it was created. */
  public long hits() {
    synchronized (entries) {
      return hits;
    }
  }

  /** Lookups that had to compute their value since the cache was created. */
  public long misses() {
    synchronized (entries) {
      return misses;
    }
  }
}
