package dev.salvo.exec.fragment;

import dev.salvo.exec.type.RowType;
import java.util.Objects;

/**
 * A table as a serialized fragment names it: a receiving side resolves it to its own
 * {@link dev.salvo.exec.connector.TableSource} through a {@link PlanResolver}.
 *
 * @param name the table's fully qualified name
 * @param version which data of the table the plan reads ({@link
 *     dev.salvo.exec.connector.TableSource#version()}); empty when the table has one version
 * @param rowType the columns the plan was made for
 */
public record TableReference(String name, String version, RowType rowType) {
  public TableReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(rowType, "rowType");
  }
}
