package dev.salvo.sql.rel;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational operator in Salvo's physical convention: a node the lowering can turn into an
 * executor plan node.
 */
public interface SalvoRel extends RelNode {
  /** The calling convention of plans Salvo's executor runs. */
  Convention CONVENTION = new Convention.Impl("SALVO", SalvoRel.class);
}
