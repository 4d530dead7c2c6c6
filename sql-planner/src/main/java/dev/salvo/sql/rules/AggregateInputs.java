package dev.salvo.sql.rules;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

/** What an aggregate reads of its input: the columns rules may narrow that input to. */
final class AggregateInputs {
  private AggregateInputs() {}

  /** The input columns of the group keys and of every call's arguments, filter and ordering. */
  static ImmutableBitSet used(Aggregate aggregate) {
    ImmutableBitSet.Builder used = ImmutableBitSet.builder();
    used.addAll(aggregate.getGroupSet());
    for (AggregateCall aggregateCall : aggregate.getAggCallList()) {
      used.addAll(aggregateCall.getArgList());
      if (aggregateCall.filterArg >= 0) {
        used.set(aggregateCall.filterArg);
      }
      aggregateCall.getCollation().getFieldCollations()
          .forEach(collation -> used.set(collation.getFieldIndex()));
    }
    return used.build();
  }

  /**
   * The aggregate over {@code input}, whose columns are the old input's as {@code mapping} maps
   * them. The mapping must keep column order, so that group keys keep their order and output
   * positions.
   */
  static Aggregate over(Aggregate aggregate, RelNode input, Mapping mapping) {
    return aggregate.copy(aggregate.getTraitSet(), input,
        Mappings.apply(mapping, aggregate.getGroupSet()),
        aggregate.getGroupSets().stream().map(set -> Mappings.apply(mapping, set)).toList(),
        aggregate.getAggCallList().stream().map(call -> call.transform(mapping)).toList());
  }
}
