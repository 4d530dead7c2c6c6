package dev.salvo.exec.fragment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.salvo.exec.type.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Constant values (literals, VALUES rows, window defaults) in JSON, each read back as the Java
 * form {@link DataType} documents for its type. Numbers that JSON would round are strings:
 * DECIMAL keeps its digits and scale, non-finite doubles their name; dates and times are
 * ISO-8601, VARBINARY is base64.
 */
final class PlanValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanValues() {}

  static JsonNode write(Object value, DataType type) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (type.kind()) {
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case TINYINT, SMALLINT, INTEGER, BIGINT, INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME ->
          NODES.numberNode(((Number) value).longValue());
      case REAL, DOUBLE -> {
        double number = ((Number) value).doubleValue();
        yield Double.isFinite(number) ? NODES.numberNode(number)
            : NODES.textNode(Double.toString(number));
      }
      case DECIMAL -> NODES.textNode(((BigDecimal) value).toString());
      case VARCHAR, DATE, TIME, TIMESTAMP -> NODES.textNode(value.toString());
      case VARBINARY -> NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
    };
  }

  static Object read(JsonNode json, DataType type) {
    if (json == null || json.isNull()) {
      return null;
    }
    try {
      return switch (type.kind()) {
        case NULL -> throw PlanCodec.invalid("a value of type NULL is not null: " + json);
        case BOOLEAN -> {
          if (!json.isBoolean()) {
            throw mismatch(json, type);
          }
          yield json.booleanValue();
        }
        case TINYINT, SMALLINT, INTEGER, BIGINT, INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME -> {
          if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw mismatch(json, type);
          }
          yield json.longValue();
        }
        case REAL, DOUBLE -> {
          if (json.isNumber()) {
            yield json.doubleValue();
          }
          double named = Double.parseDouble(text(json, type));
          if (Double.isFinite(named)) {
            throw mismatch(json, type);
          }
          yield named;
        }
        case DECIMAL -> new BigDecimal(text(json, type));
        case VARCHAR -> text(json, type);
        case VARBINARY -> Base64.getDecoder().decode(text(json, type));
        case DATE -> LocalDate.parse(text(json, type));
        case TIME -> LocalTime.parse(text(json, type));
        case TIMESTAMP -> LocalDateTime.parse(text(json, type));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw mismatch(json, type);
    } catch (IllegalArgumentException e) {
      // Base64's complaint about a malformed string.
      throw mismatch(json, type);
    }
  }

  private static String text(JsonNode json, DataType type) {
    if (!json.isTextual()) {
      throw mismatch(json, type);
    }
    return json.asText();
  }

  private static RuntimeException mismatch(JsonNode json, DataType type) {
    return PlanCodec.invalid("the value " + json + " is not of type " + type);
  }
}
