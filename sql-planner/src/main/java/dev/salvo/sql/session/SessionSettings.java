package dev.salvo.sql.session;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.EngineConfig;
import dev.salvo.sql.catalog.DefaultSchema;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One session's setting values, immutable: a change makes a new instance, so a statement that
 * has started keeps the values it started with while the session moves on.
 *
 * <p>{@code catalog} and {@code schema} together are the session's {@link DefaultSchema}. A
 * schema belongs to its catalog: choosing another catalog also chooses that catalog's default
 * schema ({@code main} in the user catalog, none in others), and
 * {@code schema = 'catalog.schema'} sets both. Whether they exist is checked by the engine,
 * which knows the catalogs (these values only know their syntax).
 */
public final class SessionSettings {
  private final EngineConfig config;
  private final Map<SessionSetting, Object> values;

  private SessionSettings(EngineConfig config, Map<SessionSetting, Object> values) {
    this.config = config;
    this.values = values;
  }

  /** Every setting at the default the engine's configuration gives it. */
  public static SessionSettings defaults(EngineConfig config) {
    Map<SessionSetting, Object> values = new EnumMap<>(SessionSetting.class);
    for (SessionSetting setting : SessionSetting.values()) {
      values.put(setting, setting.defaultValue(Objects.requireNonNull(config, "config")));
    }
    return new SessionSettings(config, Collections.unmodifiableMap(values));
  }

  /**
   * The defaults changed by {@code properties} (setting name to value as text), as a client
   * sends them when it opens a session.
   *
   * @throws SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for the first bad entry
   */
  public static SessionSettings of(EngineConfig config, Map<String, String> properties) {
    return defaults(config).with(properties);
  }

  /**
   * These settings changed by {@code changes} (setting name to value as text; a null value
   * goes back to the default), applied in the order {@link SessionSetting} lists the settings
   * whatever the map's order, so that a catalog and a schema sent together mean that schema of
   * that catalog.
   *
   * @throws SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for the first bad entry
   */
  public SessionSettings with(Map<String, String> changes) {
    Map<SessionSetting, String> named = new EnumMap<>(SessionSetting.class);
    for (Map.Entry<String, String> change : changes.entrySet()) {
      named.put(SessionSetting.named(change.getKey()), change.getValue());
    }
    SessionSettings settings = this;
    for (Map.Entry<SessionSetting, String> change : named.entrySet()) {
      settings = change.getValue() == null ? settings.withDefault(change.getKey())
          : settings.with(change.getKey(), change.getValue());
    }
    return settings;
  }

  /**
   * These settings with {@code setting} read from {@code text}.
   *
   * @throws SalvoException INVALID_SETTING_VALUE naming the setting, or NOT_SUPPORTED
   */
  public SessionSettings with(SessionSetting setting, String text) {
    if (setting == SessionSetting.SCHEMA) {
      int dot = text.indexOf('.');
      if (dot >= 0) {
        String catalog = text.substring(0, dot).trim();
        String schema = text.substring(dot + 1).trim();
        if (catalog.isEmpty() || schema.isEmpty() || schema.contains(".")) {
          throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE, "Invalid value for session"
              + " setting schema: expected 'schema' or 'catalog.schema', got '" + text + "'");
        }
        return withDefaultSchema(new DefaultSchema(catalog, schema));
      }
    }
    Object value;
    try {
      value = setting.parse(text, config);
    } catch (SalvoException e) {
      if (e.code() != ErrorCode.INVALID_SETTING_VALUE) {
        throw e;
      }
      throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE,
          "Invalid value for session setting " + setting.settingName() + ": " + e.getMessage());
    }
    Map<SessionSetting, Object> changed = new EnumMap<>(values);
    changed.put(setting, value);
    if (setting == SessionSetting.CATALOG && !((String) value).equalsIgnoreCase(catalog())) {
      changed.put(SessionSetting.SCHEMA, defaultSchemaOf((String) value));
    }
    return new SessionSettings(config, Collections.unmodifiableMap(changed));
  }

  /**
   * These settings with {@code setting} back at its default. The catalog's default comes back
   * with its default schema ({@code salvo.main}); the schema's default is its catalog's
   * ({@code main} in the user catalog, none in others).
   */
  public SessionSettings withDefault(SessionSetting setting) {
    Map<SessionSetting, Object> changed = new EnumMap<>(values);
    changed.put(setting, setting.defaultValue(config));
    if (setting == SessionSetting.CATALOG) {
      changed.put(SessionSetting.SCHEMA, SessionSetting.SCHEMA.defaultValue(config));
    } else if (setting == SessionSetting.SCHEMA) {
      changed.put(SessionSetting.SCHEMA, defaultSchemaOf(catalog()));
    }
    return new SessionSettings(config, Collections.unmodifiableMap(changed));
  }

  /** The schema a session lands in when it chooses {@code catalog}: main in the user's. */
  private String defaultSchemaOf(String catalog) {
    return new DefaultSchema(catalog, null).isUserCatalog()
        ? (String) SessionSetting.SCHEMA.defaultValue(config) : "";
  }

  /**
   * These settings with the catalog and schema of {@code defaultSchema}, as given: the
   * engine checks that they exist.
   */
  public SessionSettings withDefaultSchema(DefaultSchema defaultSchema) {
    Map<SessionSetting, Object> changed = new EnumMap<>(values);
    changed.put(SessionSetting.CATALOG, defaultSchema.catalog());
    changed.put(SessionSetting.SCHEMA,
        defaultSchema.schema() == null ? "" : defaultSchema.schema());
    return new SessionSettings(config, Collections.unmodifiableMap(changed));
  }

  /** Where names without a catalog or schema resolve for this session's statements. */
  public DefaultSchema defaultSchema() {
    String schema = (String) values.get(SessionSetting.SCHEMA);
    return new DefaultSchema(catalog(), schema.isEmpty() ? null : schema);
  }

  /** Every setting's value as SHOW prints it, by setting name, in SHOW ALL's order. */
  public Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (SessionSetting setting : SessionSetting.values()) {
      texts.put(setting.settingName(), text(setting));
    }
    return Collections.unmodifiableMap(texts);
  }

  /** The value of {@code setting} as SHOW prints it (sizes with units). */
  public String text(SessionSetting setting) {
    return setting.format(values.get(setting));
  }

  private String catalog() {
    return (String) values.get(SessionSetting.CATALOG);
  }

  public String runner() {
    return (String) values.get(SessionSetting.RUNNER);
  }

  public int batchSize() {
    return (Integer) values.get(SessionSetting.BATCH_SIZE);
  }

  public int parallelism() {
    return (Integer) values.get(SessionSetting.PARALLELISM);
  }

  public long queryMaxMemoryBytes() {
    return (Long) values.get(SessionSetting.QUERY_MAX_MEMORY);
  }
}
