package dev.salvo.sql.hint;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.sql.rel.LogicalRechunk;
import dev.salvo.sql.rel.LogicalRepartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Turns the REPARTITION and INTO_BATCHES hints on a freshly converted plan into dedicated
 * logical nodes ({@link LogicalRepartition}, {@link LogicalRechunk}), so that the logical
 * rewrites, which rebuild nodes and may drop hints, keep them where the hint put them.
 *
 * <p>Placement: a query hint on a projection or aggregate goes right below that node, so the
 * node's expressions (a UDF above all) run partitioned and in bounded batches; when both are
 * given, rows are repartitioned first and re-chunked within each partition. A table hint goes
 * right above that table's scan. A hint that a node inherited from an enclosing node of the same
 * query block that has already placed it is not placed again.
 */
public final class HintPlacement {
  private HintPlacement() {}

  /**
   * The plan with hints placed as nodes.
   *
   * @throws SalvoException {@link ErrorCode#INVALID_HINT} when REPARTITION names a column the
   *     hinted query block does not read
   */
  public static RelNode place(RelNode plan) {
    return place(plan, false);
  }

  private static RelNode place(RelNode node, boolean placedAbove) {
    List<RelHint> hints = node instanceof Hintable hintable ? hintable.getHints() : List.of();
    List<RelHint> applicable = new ArrayList<>();
    for (RelHint hint : hints) {
      // An inherited copy is only placed when no enclosing node of the block placed it.
      if (hint.inheritPath.isEmpty() || !placedAbove) {
        applicable.add(hint);
      }
    }
    Optional<RepartitionHint> repartition = RepartitionHint.from(applicable);
    Optional<IntoBatchesHint> batches = IntoBatchesHint.from(applicable);
    boolean placesHere = (node instanceof Project || node instanceof Aggregate
        || node instanceof TableScan) && (repartition.isPresent() || batches.isPresent());
    boolean placedForChildren = placesHere || placedAbove;

    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : node.getInputs()) {
      RelNode placed = place(input, placedForChildren);
      changed |= placed != input;
      inputs.add(placed);
    }
    RelNode result = changed ? node.copy(node.getTraitSet(), inputs) : node;
    if (!placesHere) {
      return result;
    }
    if (node instanceof TableScan) {
      return wrap(result, repartition, batches);
    }
    RelNode below = insertBelow(result.getInput(0), repartition, batches);
    return result.copy(result.getTraitSet(), List.of(below));
  }

  /**
   * Wraps {@code input}, or the first node below its projections and filters that still has
   * every column REPARTITION names: conversion already dropped the columns a block does not
   * output, such as a partitioning column an aggregate does not read.
   */
  private static RelNode insertBelow(RelNode input, Optional<RepartitionHint> repartition,
      Optional<IntoBatchesHint> batches) {
    List<String> columns = repartition.map(RepartitionHint::columns).orElse(List.of());
    boolean hasColumns = columns.stream()
        .allMatch(column -> input.getRowType().getField(column, false, false) != null);
    if (!hasColumns && (input instanceof Project || input instanceof Filter)) {
      RelNode below = insertBelow(input.getInput(0), repartition, batches);
      return input.copy(input.getTraitSet(), List.of(below));
    }
    return wrap(input, repartition, batches);
  }

  private static RelNode wrap(RelNode input, Optional<RepartitionHint> repartition,
      Optional<IntoBatchesHint> batches) {
    RelNode wrapped = input;
    if (repartition.isPresent()) {
      RepartitionHint hint = repartition.get();
      wrapped = LogicalRepartition.create(wrapped, hint.partitions(),
          keyPositions(hint.columns(), wrapped.getRowType()));
    }
    if (batches.isPresent()) {
      wrapped = LogicalRechunk.create(wrapped, batches.get().rows());
    }
    return wrapped;
  }

  private static List<Integer> keyPositions(List<String> columns, RelDataType rowType) {
    List<Integer> positions = new ArrayList<>();
    for (String column : columns) {
      RelDataTypeField field = rowType.getField(column, false, false);
      if (field == null) {
        throw new SalvoException(ErrorCode.INVALID_HINT, "Hint REPARTITION: column '" + column
            + "' is not among the columns the query reads: " + rowType.getFieldNames());
      }
      positions.add(field.getIndex());
    }
    return positions;
  }
}
