package dev.salvo.sql.catalog;

import dev.salvo.sql.catalog.store.CatalogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a statement's names without a catalog or schema resolve: a catalog, and optionally one
 * of its schemas. For {@code tpch.tiny}, {@code nation} means {@code tpch.tiny.nation} and
 * {@code tiny.nation} means the same (a schema of the default catalog). Names that do not
 * resolve there are looked up from the top as well, so fully qualified names work whatever
 * the default.
 *
 * @param catalog the catalog, as {@link SalvoCatalog#catalogNames()} spells it
 * @param schema one of its schemas, or null for none
 */
public record DefaultSchema(String catalog, String schema) {
  /** Every session's default until it changes it: the user catalog's {@code main} schema. */
  public static final DefaultSchema USER_MAIN =
      new DefaultSchema(SalvoCatalog.USER_CATALOG, CatalogStore.DEFAULT_SCHEMA);

  public DefaultSchema {
    Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * The schema path Calcite's catalog reader looks names up in first. The user's schemas also
   * lie at the top of the tree, where names without a catalog have always found them, so a
   * user schema's path leaves the catalog out: plans keep naming tables {@code main.t}.
   */
  public List<String> path() {
    if (schema == null) {
      return List.of(catalog);
    }
    return isUserCatalog() ? List.of(schema) : List.of(catalog, schema);
  }

  /**
   * The schema paths a name is looked up in, in order: {@link #path()}, the default catalog
   * (for {@code schema.table}), and the top of the tree (for fully qualified names).
   */
  public List<List<String>> lookupPaths() {
    List<List<String>> paths = new ArrayList<>();
    paths.add(path());
    if (path().size() == 2) {
      paths.add(List.of(catalog));
    }
    paths.add(List.of());
    return List.copyOf(paths);
  }

  /** Whether the default lies in the catalog of the user's own schemas, where DDL may write. */
  public boolean isUserCatalog() {
    return catalog.equalsIgnoreCase(SalvoCatalog.USER_CATALOG);
  }

  /** Whether both name the same catalog and schema, in any letter case. */
  public boolean sameAs(DefaultSchema other) {
    return catalog.equalsIgnoreCase(other.catalog)
        && (schema == null ? other.schema == null : schema.equalsIgnoreCase(other.schema));
  }

  @Override
  public String toString() {
    return schema == null ? catalog : catalog + "." + schema;
  }
}
