package dev.salvo.sql;

import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.ResultStream;
import dev.salvo.sql.planner.QuerySignature;
import dev.salvo.sql.session.SessionSetting;
import dev.salvo.sql.session.SessionSettings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A client's conversation with the engine: statements run with this session's settings (default
 * catalog and schema, batch size, parallelism, per-query memory limit, runner), which
 * {@code SET}, {@code USE} and {@code RESET} change for the statements that follow. Thread-safe;
 * a statement keeps the settings it started with. Front ends keep one per connection (JDBC) or
 * per request (stateless HTTP).
 */
public final class SalvoSession {
  private final SalvoEngine engine;
  private SessionSettings settings;

  SalvoSession(SalvoEngine engine, SessionSettings settings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings statements run with right now. */
  public synchronized SessionSettings settings() {
    return settings;
  }

  /**
   * Replaces the settings with what {@code change} makes of them, atomically, and answers the
   * new ones; when {@code change} throws, or names a default catalog or schema that does not
   * exist, the settings stay as they were.
   *
   * @throws SalvoException CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND for a new default that does
   *     not exist; whatever {@code change} throws
   */
  public SessionSettings update(UnaryOperator<SessionSettings> change) {
    return update(change, false);
  }

  /**
   * Like {@link #update(UnaryOperator)}; with {@code namesDefaults}, the default catalog and
   * schema are checked even when they did not change, as a statement naming them expects
   * (checking them otherwise would let a dropped default schema block every other change).
   */
  synchronized SessionSettings update(UnaryOperator<SessionSettings> change,
      boolean namesDefaults) {
    settings = engine.checkedDefaults(namesDefaults ? null : settings,
        Objects.requireNonNull(change.apply(settings)));
    return settings;
  }

  /**
   * Changes several settings at once, all or none: {@code changes} maps setting names to
   * values as {@code SET} takes them, or to null to go back to the default. Answers the new
   * settings.
   *
   * @throws SalvoException UNKNOWN_SETTING, INVALID_SETTING_VALUE, CATALOG_NOT_FOUND or
   *     SCHEMA_NOT_FOUND for the first bad entry; the settings stay as they were then
   */
  public SessionSettings change(Map<String, String> changes) {
    boolean namesDefaults = changes.keySet().stream().anyMatch(name ->
        name.trim().equalsIgnoreCase(SessionSetting.CATALOG.settingName())
            || name.trim().equalsIgnoreCase(SessionSetting.SCHEMA.settingName()));
    return update(current -> current.with(changes), namesDefaults);
  }

  /**
   * Runs one statement: a query, EXPLAIN, or SET, RESET or SHOW on this session's settings.
   * Like {@link SalvoEngine#execute(String)} otherwise.
   *
   * @throws SalvoException as {@link SalvoEngine#execute(String)}; UNKNOWN_SETTING or
   *     INVALID_SETTING_VALUE for a bad SET, which leaves the settings unchanged
   */
  public ResultStream execute(String sql) {
    return engine.execute(this, sql, List.of());
  }

  /** Like {@link #execute(String)}, with values bound to the statement's {@code ?} markers. */
  public ResultStream execute(String sql, List<?> parameters) {
    return engine.execute(this, sql, parameters);
  }

  /**
   * Parses, validates and plans one statement of this session without running it, so that bad
   * SQL is refused at once and the statement can start later with
   * {@link SalvoEngine#execute(ExecutableQuery, QueryOptions)}. Queries and EXPLAIN are planned
   * now; SET, RESET, SHOW, DDL, DML and EXPLAIN ANALYZE are checked now and act when started,
   * with the session's settings at that time.
   *
   * @throws SalvoException as {@link SalvoEngine#execute(String)} for a statement that cannot
   *     be planned
   */
  public ExecutableQuery compile(String sql) {
    return engine.compile(this, sql);
  }

  /**
   * Describes a statement without running it, like {@link SalvoEngine#prepare(String)}, with
   * names resolved in this session's default catalog and schema.
   */
  public QuerySignature prepare(String sql) {
    return engine.prepare(sql, settings().defaultSchema());
  }
}
