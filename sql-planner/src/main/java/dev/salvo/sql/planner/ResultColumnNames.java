package dev.salvo.sql.planner;

import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Util;

/**
 * Names unnamed function calls in select lists after the function ({@code count}, {@code sum}),
 * and casts of a column after the column, as PostgreSQL does, instead of Calcite's
 * {@code EXPR$1}. Works on the parse tree before
 * validation, because Calcite derives select-list names in a static helper.
 */
final class ResultColumnNames extends SqlBasicVisitor<Void> {
  private ResultColumnNames() {}

  static void nameFunctionColumns(SqlNode statement) {
    statement.accept(new ResultColumnNames());
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      SqlNodeList items = select.getSelectList();
      for (int i = 0; items != null && i < items.size(); i++) {
        String name = functionName(items.get(i));
        if (name != null) {
          items.set(i, SqlValidatorUtil.addAlias(items.get(i), name));
        }
      }
    }
    return super.visit(call);
  }

  private static String functionName(SqlNode item) {
    SqlNode unwrapped = item;
    while (unwrapped.getKind() == SqlKind.CAST && unwrapped instanceof SqlBasicCall cast) {
      unwrapped = cast.operand(0);
    }
    if (unwrapped instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction
        && unwrapped.getKind() != SqlKind.AS) {
      return call.getOperator().getName().toLowerCase(Locale.ROOT);
    }
    if (unwrapped != item && unwrapped instanceof SqlIdentifier column && !column.isStar()) {
      // CAST(l_tax AS DOUBLE) keeps the column's name.
      return Util.last(column.names);
    }
    return null;
  }
}
