package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoTableScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.MappingType;
import org.apache.calcite.util.mapping.Mappings;

/**
 * A table scan cut down to the columns the operator above it uses (plus those its own filter
 * reads), and the mapping from the old scan's column positions to the new one's. The mapping
 * keeps column order, so what the operator above refers to keeps its relative order.
 *
 * @param scan the narrowed scan
 * @param mapping old position to new position, for the columns kept
 * @param shuttle rewrites expressions over the old scan into expressions over the new one
 */
record ScanNarrowing(SalvoTableScan scan, Mapping mapping, RexPermuteInputsShuttle shuttle) {

  /** The narrowed scan, or null when the operator above already uses every column. */
  static ScanNarrowing of(SalvoTableScan scan, ImmutableBitSet usedAbove) {
    ImmutableBitSet.Builder usedBuilder = ImmutableBitSet.builder().addAll(usedAbove);
    if (scan.filter() != null) {
      usedBuilder.addAll(RelOptUtil.InputFinder.bits(scan.filter()));
    }
    ImmutableBitSet used = usedBuilder.build();
    int scanWidth = scan.getRowType().getFieldCount();
    if (used.cardinality() == scanWidth) {
      return null;
    }
    Mapping mapping = Mappings.create(MappingType.INVERSE_SURJECTION, scanWidth,
        used.cardinality());
    List<Integer> newProjects = new ArrayList<>(used.cardinality());
    int target = 0;
    for (int source : used) {
      mapping.set(source, target++);
      newProjects.add(scan.projects().get(source));
    }
    RexPermuteInputsShuttle shuttle = new RexPermuteInputsShuttle(mapping, scan);
    RexNode newFilter = scan.filter() == null ? null : scan.filter().accept(shuttle);
    return new ScanNarrowing(scan.withProjects(ImmutableIntList.copyOf(newProjects), newFilter),
        mapping, shuttle);
  }
}
