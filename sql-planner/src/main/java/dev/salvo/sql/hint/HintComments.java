package dev.salvo.sql.hint;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTableRef;

/**
 * Finds every hint comment in a parse tree, in text order: those right after {@code SELECT}
 * (query hints) and those right after a table name (table hints), in sub-queries too.
 */
final class HintComments {

  /** One {@code /*+ ... *}{@code /} comment: its hints and where it was written. */
  record HintComment(List<SqlHint> hints, boolean afterTableName) {}

  private final List<HintComment> found = new ArrayList<>();

  private HintComments() {}

  static List<HintComment> find(SqlNode root) {
    HintComments walker = new HintComments();
    walker.walk(root);
    return List.copyOf(walker.found);
  }

  private void walk(SqlNode node) {
    if (node == null) {
      return;
    }
    if (node instanceof SqlNodeList list) {
      list.forEach(this::walk);
    } else if (node instanceof SqlSelect select) {
      SqlNodeList hints = select.getHints();
      if (hints != null && !hints.isEmpty()) {
        record(hints, false);
      }
      for (SqlNode operand : select.getOperandList()) {
        if (operand != hints) {
          walk(operand);
        }
      }
    } else if (node.getKind() == SqlKind.TABLE_REF && node instanceof SqlTableRef table) {
      record(table.hints, true);
    } else if (node instanceof SqlCall call) {
      call.getOperandList().forEach(this::walk);
    }
  }

  private void record(SqlNodeList hints, boolean afterTableName) {
    List<SqlHint> list = new ArrayList<>();
    for (SqlNode hint : hints) {
      list.add((SqlHint) hint);
    }
    found.add(new HintComment(List.copyOf(list), afterTableName));
  }
}
