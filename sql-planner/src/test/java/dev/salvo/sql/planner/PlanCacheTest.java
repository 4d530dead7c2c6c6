package dev.salvo.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan cache: hits, least-recently-used eviction, invalidation, errors never cached. */
class PlanCacheTest {
  private final List<String> computed = new ArrayList<>();

  private String plan(String sql) {
    computed.add(sql);
    return "plan of " + sql;
  }

  @Test
  void computesEachKeyOnce() {
    PlanCache<String, String> cache = new PlanCache<>(10);
    assertEquals("plan of a", cache.get("a", this::plan));
    assertEquals("plan of a", cache.get("a", this::plan));
    assertEquals(List.of("a"), computed);
    assertEquals(1, cache.hits());
    assertEquals(1, cache.misses());
  }

  @Test
  void lookingUpWithoutComputingCountsOnlyWhatItFinds() {
    PlanCache<String, String> cache = new PlanCache<>(10);
    assertEquals(null, cache.getIfPresent("a"));
    assertEquals(0, cache.misses());
    cache.get("a", this::plan);
    assertEquals("plan of a", cache.getIfPresent("a"));
    assertEquals(1, cache.hits());
    cache.invalidateAll();
    assertEquals(null, cache.getIfPresent("a"));
    assertEquals(List.of("a"), computed);
  }

  @Test
  void evictsTheLeastRecentlyUsedEntry() {
    PlanCache<String, String> cache = new PlanCache<>(2);
    cache.get("a", this::plan);
    cache.get("b", this::plan);
    cache.get("a", this::plan);
    cache.get("c", this::plan);
    assertEquals(2, cache.size());
    cache.get("a", this::plan);
    cache.get("b", this::plan);
    assertEquals(List.of("a", "b", "c", "b"), computed);
  }

  @Test
  void invalidationDropsEntriesAndBumpsTheCatalogVersion() {
    PlanCache<String, String> cache = new PlanCache<>(10);
    cache.get("a", this::plan);
    cache.invalidateAll();
    assertEquals(1, cache.catalogVersion());
    assertEquals(0, cache.size());
    cache.get("a", this::plan);
    assertEquals(List.of("a", "a"), computed);
  }

  @Test
  void aValueComputedWhileTheCatalogChangedIsNotKept() {
    PlanCache<String, String> cache = new PlanCache<>(10);
    assertEquals("stale", cache.get("a", key -> {
      cache.invalidateAll();
      return "stale";
    }));
    assertEquals(0, cache.size());
    assertEquals("plan of a", cache.get("a", this::plan));
  }

  @Test
  void failuresAreNotCached() {
    PlanCache<String, String> cache = new PlanCache<>(10);
    assertThrows(IllegalStateException.class, () -> cache.get("a", key -> {
      throw new IllegalStateException("no such table");
    }));
    assertEquals("plan of a", cache.get("a", this::plan));
  }

  @Test
  void capacityZeroCachesNothing() {
    PlanCache<String, String> cache = new PlanCache<>(0);
    cache.get("a", this::plan);
    cache.get("a", this::plan);
    assertEquals(List.of("a", "a"), computed);
  }
}
