package dev.salvo.exec.fragment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Constant values (literals, VALUES rows, window defaults) in JSON, each read back as the Java
 * form {@link DataType} documents for its type. Numbers that JSON would round are strings:
 * DECIMAL keeps its digits and scale, non-finite doubles their name; dates and times are
 * ISO-8601, VARBINARY is base64, ARRAY and ROW values are JSON arrays of their components.
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
      case ARRAY, ROW -> {
        ArrayNode components = NODES.arrayNode();
        List<?> values = (List<?>) value;
        for (int index = 0; index < values.size(); index++) {
          components.add(write(values.get(index), componentType(type, index)));
        }
        yield components;
      }
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
        case ARRAY, ROW -> {
          if (!json.isArray()
              || (type.kind() == TypeKind.ROW && json.size() != type.fields().size())) {
            throw mismatch(json, type);
          }
          List<Object> values = new ArrayList<>(json.size());
          for (int index = 0; index < json.size(); index++) {
            values.add(read(json.get(index), componentType(type, index)));
          }
          yield values;
        }
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw mismatch(json, type);
    } catch (IllegalArgumentException e) {
      // Base64's complaint about a malformed string.
      throw mismatch(json, type);
    }
  }

  /** The type of an ARRAY's elements, or of a ROW's field at {@code index}. */
  private static DataType componentType(DataType type, int index) {
    return type.kind() == TypeKind.ARRAY ? type.elementType() : type.fields().get(index).type();
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
