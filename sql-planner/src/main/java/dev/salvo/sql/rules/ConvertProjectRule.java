package dev.salvo.sql.rules;

import dev.salvo.sql.rel.SalvoProject;
import dev.salvo.sql.rel.SalvoRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalProject;

/** Turns a logical projection into a Salvo projection. */
public final class ConvertProjectRule extends ConverterRule {
  static final Config DEFAULT_CONFIG = Config.INSTANCE
      .withConversion(LogicalProject.class, Convention.NONE, SalvoRel.CONVENTION,
          "ConvertProjectRule")
      .withRuleFactory(ConvertProjectRule::new);

  private ConvertProjectRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    LogicalProject project = (LogicalProject) rel;
    return new SalvoProject(project.getCluster(),
        project.getTraitSet().replace(SalvoRel.CONVENTION), project.getHints(),
        convert(project.getInput(), SalvoRel.CONVENTION), project.getProjects(),
        project.getRowType());
  }
}
