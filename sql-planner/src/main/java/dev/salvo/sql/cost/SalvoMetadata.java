package dev.salvo.sql.cost;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.ChainedRelMetadataProvider;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The planner's metadata: Calcite's defaults, with row counts of joins, distinct counts and
 * selectivities taken from tables' statistics and unique keys where they have some (see
 * {@link SalvoMdRowCount}, {@link SalvoMdDistinctRowCount}, {@link SalvoMdSelectivity}), and the
 * keys and column origins of scans that read some columns only ({@link ScanMetadata}).
 */
public final class SalvoMetadata {
  /** One instance, so that Calcite compiles its dispatch code once per process. */
  public static final RelMetadataProvider PROVIDER = ChainedRelMetadataProvider.of(List.of(
      ReflectiveRelMetadataProvider.reflectiveSource(new SalvoMdRowCount(),
          BuiltInMetadata.RowCount.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new SalvoMdDistinctRowCount(),
          BuiltInMetadata.DistinctRowCount.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new SalvoMdSelectivity(),
          BuiltInMetadata.Selectivity.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new ScanMetadata.ScanColumnUniqueness(),
          BuiltInMetadata.ColumnUniqueness.Handler.class),
      ReflectiveRelMetadataProvider.reflectiveSource(new ScanMetadata.ScanColumnOrigins(),
          BuiltInMetadata.ColumnOrigin.Handler.class),
      DefaultRelMetadataProvider.INSTANCE));

  private static final JaninoRelMetadataProvider HANDLERS = JaninoRelMetadataProvider.of(PROVIDER);

  private SalvoMetadata() {}

  /**
   * Makes {@code cluster} answer metadata queries with {@link #PROVIDER}; each query object it
   * hands out is bound to that provider, not to whatever another planner on the same thread set
   * last.
   */
  public static void install(RelOptCluster cluster) {
    cluster.setMetadataProvider(PROVIDER);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(HANDLERS));
  }
}
