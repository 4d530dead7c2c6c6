package dev.salvo.server.query;

import dev.salvo.exec.type.Column;
import dev.salvo.exec.type.DataType;
import dev.salvo.exec.type.RowType;
import dev.salvo.sql.system.SnapshotTableSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code system.queries}: one row per query the server remembers, read from a snapshot taken as
 * the scanning query starts (so it lists itself as RUNNING). Times are TIMESTAMPs in UTC.
 */
public final class QueriesTable {
  /** The table's name in the {@code system} schema. */
  public static final String NAME = "queries";

  public static final RowType ROW_TYPE = RowType.of(
      new Column("query_id", DataType.VARCHAR.withNullable(false)),
      new Column("user_name", DataType.VARCHAR.withNullable(false)),
      new Column("state", DataType.VARCHAR.withNullable(false)),
      new Column("query", DataType.VARCHAR.withNullable(false)),
      new Column("created", DataType.TIMESTAMP.withNullable(false)),
      new Column("started", DataType.TIMESTAMP),
      new Column("ended", DataType.TIMESTAMP),
      new Column("queued_ms", DataType.BIGINT.withNullable(false)),
      new Column("elapsed_ms", DataType.BIGINT.withNullable(false)),
      new Column("output_rows", DataType.BIGINT.withNullable(false)),
      new Column("output_bytes", DataType.BIGINT.withNullable(false)),
      new Column("scanned_rows", DataType.BIGINT.withNullable(false)),
      new Column("peak_memory_bytes", DataType.BIGINT.withNullable(false)),
      new Column("error_code", DataType.VARCHAR),
      new Column("error_message", DataType.VARCHAR));

  private QueriesTable() {}

  /** The table over whatever {@code queries} lists when a scan starts. */
  public static SnapshotTableSource source(Supplier<List<QueryInfo>> queries) {
    return new SnapshotTableSource("system." + NAME, ROW_TYPE, () -> {
      List<List<Object>> rows = new ArrayList<>();
      for (QueryInfo info : queries.get()) {
        rows.add(row(info));
      }
      return rows;
    });
  }

  static List<Object> row(QueryInfo info) {
    return Arrays.asList(info.id(), info.user(), info.state().name(), info.sql(),
        timestamp(info.createdAt()), timestamp(info.startedAt()), timestamp(info.endedAt()),
        info.queuedMillis(), info.elapsedMillis(), info.outputRows(), info.outputBytes(),
        info.scannedRows(), info.peakMemoryBytes(),
        info.error() == null ? null : info.error().code().name(),
        info.error() == null ? null : info.error().getMessage());
  }

  private static LocalDateTime timestamp(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
