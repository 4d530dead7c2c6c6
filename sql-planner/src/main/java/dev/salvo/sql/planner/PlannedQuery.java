package dev.salvo.sql.planner;

import dev.salvo.exec.plan.ExecNode;
import org.apache.calcite.rel.RelNode;

/**
 * A statement after planning: the logical and physical plans, the executor plan, and the
 * signature validation gave it (for an INSERT's rows: the table's columns), which is what
 * preparing the statement answers, and where its data errors are written in its text.
 */
public record PlannedQuery(RelNode logicalPlan, RelNode physicalPlan, ExecNode execPlan,
    QuerySignature signature, ErrorSites errorSites) {}
