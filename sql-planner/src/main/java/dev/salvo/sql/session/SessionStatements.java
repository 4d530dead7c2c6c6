package dev.salvo.sql.session;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.catalog.DefaultSchema;
import dev.salvo.sql.parser.SqlShowSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSetOption;

/**
 * Runs {@code SET name = value}, {@code RESET name}, {@code RESET ALL}, {@code SHOW name},
 * {@code SHOW ALL} and {@code USE [catalog.]schema} (which the parser reads as
 * {@code SET schema}) against a session's settings. Each answers the settings it touched, one
 * row per setting, so that every protocol shows the value now in force; the catalog and the
 * schema are answered together, as a change of one may change the other.
 */
public final class SessionStatements {
  /** What the session statements answer. */
  public static final RowType ROW_TYPE = RowType.of(
      new Column("name", DataType.VARCHAR.withNullable(false)),
      new Column("value", DataType.VARCHAR.withNullable(false)),
      new Column("description", DataType.VARCHAR.withNullable(false)));

  private SessionStatements() {}

  /** Whether {@code statement} is one of the statements this class runs. */
  public static boolean isSessionStatement(SqlNode statement) {
    return statement instanceof SqlSetOption || statement instanceof SqlShowSetting;
  }

  /**
   * Whether {@code statement} sets or resets the default catalog or schema ({@code USE} too), so
   * that they must exist afterwards even where they did not change.
   */
  public static boolean namesDefaultSchema(SqlNode statement) {
    if (!(statement instanceof SqlSetOption option)) {
      return false;
    }
    String name = nameOf(option.getName());
    return name.equalsIgnoreCase(SessionSetting.CATALOG.settingName())
        || name.equalsIgnoreCase(SessionSetting.SCHEMA.settingName());
  }

  /**
   * Applies {@code statement} through {@code update}, which replaces the session's settings
   * atomically and answers the new ones, and returns the rows to answer.
   *
   * @throws SalvoException UNKNOWN_SETTING, INVALID_SETTING_VALUE, or NOT_SUPPORTED for a
   *     system-wide SET or a runner not available yet; the settings are unchanged then
   */
  public static List<List<Object>> run(SqlNode statement,
      Function<UnaryOperator<SessionSettings>, SessionSettings> update) {
    if (statement instanceof SqlShowSetting show) {
      SessionSettings settings = update.apply(UnaryOperator.identity());
      return show.name() == null ? rows(settings, List.of(SessionSetting.values()))
          : rows(settings, List.of(SessionSetting.named(nameOf(show.name()))));
    }
    SqlSetOption option = (SqlSetOption) statement;
    String scope = option.getScope();
    if (scope != null && !scope.equalsIgnoreCase("SESSION")) {
      throw new SalvoException(ErrorCode.NOT_SUPPORTED, "Only session settings can be changed"
          + " with SQL; " + scope.toUpperCase(Locale.ROOT) + " settings come from the server's"
          + " configuration file");
    }
    String name = nameOf(option.getName());
    if (option.getValue() == null && name.equalsIgnoreCase("ALL")) {
      SessionSettings settings = update.apply(current -> {
        SessionSettings reset = current;
        for (SessionSetting setting : SessionSetting.values()) {
          reset = reset.withDefault(setting);
        }
        return reset;
      });
      return rows(settings, List.of(SessionSetting.values()));
    }
    SessionSetting setting = SessionSetting.named(name);
    SessionSettings settings;
    if (option.getValue() == null) {
      settings = update.apply(current -> current.withDefault(setting));
    } else if (setting == SessionSetting.SCHEMA
        && option.getValue() instanceof SqlIdentifier identifier) {
      // Identifier parts are exact names (USE "odd.name"), where text would be split at dots.
      settings = update.apply(current -> current.withDefaultSchema(schemaOf(identifier,
          current.defaultSchema())));
    } else {
      settings = update.apply(current -> current.with(setting, valueText(option.getValue())));
    }
    return rows(settings, setting == SessionSetting.CATALOG || setting == SessionSetting.SCHEMA
        ? List.of(SessionSetting.CATALOG, SessionSetting.SCHEMA) : List.of(setting));
  }

  /** {@code schema} in the current catalog, or {@code catalog.schema}. */
  private static DefaultSchema schemaOf(SqlIdentifier identifier, DefaultSchema current) {
    List<String> names = identifier.names;
    if (names.size() == 1) {
      return new DefaultSchema(current.catalog(), names.get(0));
    }
    if (names.size() == 2) {
      return new DefaultSchema(names.get(0), names.get(1));
    }
    throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE, "Expected schema or"
        + " catalog.schema, got " + identifier, identifier.getParserPosition().getLineNum(),
        identifier.getParserPosition().getColumnNum(), null);
  }

  private static String nameOf(SqlIdentifier identifier) {
    return String.join(".", identifier.names);
  }

  /** A literal's value as text ('512MB', 100, TRUE), or a bare word's name (native, ON). */
  private static String valueText(SqlNode value) {
    if (value instanceof SqlLiteral literal) {
      String text = literal.toValue();
      if (text == null) {
        throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE,
            "A session setting cannot be NULL; use RESET to go back to the default");
      }
      return text;
    }
    if (value instanceof SqlIdentifier identifier) {
      return nameOf(identifier);
    }
    throw new SalvoException(ErrorCode.INVALID_SETTING_VALUE,
        "A session setting takes a literal value, not " + value);
  }

  private static List<List<Object>> rows(SessionSettings settings,
      List<SessionSetting> settingsToShow) {
    List<List<Object>> rows = new ArrayList<>();
    for (SessionSetting setting : settingsToShow) {
      rows.add(List.of(setting.settingName(), settings.text(setting), setting.description()));
    }
    return rows;
  }
}
