package dev.salvo.sql.planner;

import dev.salvo.exec.plan.ExecNode;
import org.apache.calcite.rel.RelNode;

/** A statement after planning: the logical and physical plans and the executor plan. */
public record PlannedQuery(RelNode logicalPlan, RelNode physicalPlan, ExecNode execPlan) {}
