package dev.salvo.sql.rules;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * A plain immutable {@link RelRule.Config} for Salvo's rules, so they need no annotation
 * processor: a description, the operand tree and the rule's constructor.
 */
public record RuleConfig(String description, RelRule.OperandTransform operandSupplier,
    RelBuilderFactory relBuilderFactory, Function<RuleConfig, RelOptRule> factory)
    implements RelRule.Config {

  public static RuleConfig of(String description, RelRule.OperandTransform operands,
      Function<RuleConfig, RelOptRule> factory) {
    return new RuleConfig(description, operands, RelFactories.LOGICAL_BUILDER, factory);
  }

  @Override
  public RelOptRule toRule() {
    return factory.apply(this);
  }

  @Override
  public RuleConfig withRelBuilderFactory(RelBuilderFactory value) {
    return new RuleConfig(description, operandSupplier, value, factory);
  }

  @Override
  public RuleConfig withDescription(String value) {
    return new RuleConfig(value, operandSupplier, relBuilderFactory, factory);
  }

  @Override
  public RuleConfig withOperandSupplier(RelRule.OperandTransform value) {
    return new RuleConfig(description, value, relBuilderFactory, factory);
  }
}
