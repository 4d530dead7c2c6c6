package dev.salvo.exec.operator.join;

import dev.salvo.exec.batch.Batch;
import dev.salvo.exec.batch.RowCompaction;
import dev.salvo.exec.expr.ExpressionCompiler;
import dev.salvo.exec.expr.VectorExpression;
import dev.salvo.exec.expr.vector.ExpressionFacts;
import dev.salvo.exec.operator.aggregate.KeyColumn;
import dev.salvo.exec.operator.filter.RowFilter;
import dev.salvo.exec.pipeline.BatchCollector;
import dev.salvo.exec.pipeline.Operator;
import dev.salvo.exec.pipeline.OperatorFactory;
import dev.salvo.exec.plan.HashJoinNode;
import dev.salvo.exec.plan.JoinType;
import dev.salvo.exec.runner.QueryContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The probe side of a hash join: each driver streams its probe batches through the shared
 * {@link JoinHashTable}. Candidate pairs are collected a batch at a time (at most the query's
 * batch size per output batch, however many rows a key matches), the residual condition is
 * evaluated over a whole candidate batch, and the passing pairs are emitted. For RIGHT and FULL
 * joins the last driver to finish emits the build rows no driver matched; RIGHT_SEMI and
 * RIGHT_ANTI joins emit nothing while probing, only mark build rows matched, and the last
 * driver emits the matched (or unmatched) build rows.
 */
public final class HashJoinOperatorFactory implements OperatorFactory {
  private final HashJoinNode node;
  private final HashJoinBuildSinkFactory build;
  private final VectorExpression residual;
  /** Probe columns then build columns: the rows the residual condition sees. */
  private final List<Field> joinedFields;
  /** The joined columns anything reads: the output's readers and the residual; null: all. */
  private final BitSet joinedColumnsUsed;
  private final AtomicInteger activeDrivers = new AtomicInteger();

  public HashJoinOperatorFactory(HashJoinNode node, HashJoinBuildSinkFactory build) {
    this(node, build, null);
  }

  /**
   * A join that gathers only the joined columns in {@code joinedColumnsUsed} (null: all; see
   * {@link #joinedColumnsUsed}) and leaves placeholders for the others.
   */
  public HashJoinOperatorFactory(HashJoinNode node, HashJoinBuildSinkFactory build,
      BitSet joinedColumnsUsed) {
    this.node = node;
    this.joinedColumnsUsed = joinedColumnsUsed;
    this.build = build;
    this.residual = node.residual().map(ExpressionCompiler::compile).orElse(null);
    List<Field> fields = new ArrayList<>(node.probe().outputType().toArrowSchema().getFields());
    fields.addAll(node.build().outputType().toArrowSchema().getFields());
    this.joinedFields = List.copyOf(fields);
  }

  /**
   * The joined columns (probe columns, then build columns) that the join's residual condition
   * and the readers of its output columns {@code outputUsed} read; null when all output
   * columns are read ({@code outputUsed} null).
   */
  public static BitSet joinedColumnsUsed(HashJoinNode node, BitSet outputUsed) {
    if (outputUsed == null) {
      return null;
    }
    BitSet joined = new BitSet();
    int shift = node.joinType().projectsBuildOnly() ? node.probe().outputType().size() : 0;
    outputUsed.stream().forEach(column -> joined.set(column + shift));
    node.residual().ifPresent(condition ->
        joined.or(ExpressionFacts.referencedColumns(condition)));
    return joined;
  }

  @Override
  public Operator create(QueryContext context) {
    activeDrivers.incrementAndGet();
    return new HashJoinOperator(context);
  }

  /** One driver's probe state. */
  private final class HashJoinOperator implements Operator {
    /** The most probe batches held at once while their few matches gather into one batch. */
    private static final int MOST_HELD_BATCHES = 16;
    private final JoinType joinType = node.joinType();
    private final boolean buildOnly = joinType.projectsBuildOnly();
    /**
     * Whether probe batches are held until their matches fill a batch worth emitting: a
     * selective join otherwise emits a batch of a handful of rows per probe batch (Q5's last
     * join 1,455 batches of 5 rows), and every operator above pays its per-batch costs for
     * each. Only joins that emit nothing per probe batch besides the matches can wait.
     */
    private final boolean holdsProbeBatches =
        joinType == JoinType.INNER || joinType == JoinType.RIGHT;
    /** The probe batches the collected candidates come from, in order, when held. */
    private final List<Batch> held = new ArrayList<>();
    private final BufferAllocator allocator;
    private final int capacity;
    private final int probeColumns = node.probe().outputType().size();
    private final int[] probeKeyColumns;
    private final boolean[] nullSafe;
    private final JoinHashTable table;
    private final KeyColumn[] keys;
    private final int[] candidateProbe;
    private final int[] candidateBuild;
    /** Which held batch each candidate's probe row is in. */
    private final int[] candidateBatch;
    private int candidates;
    private boolean[] probeMatched = new boolean[0];
    private long[] hashes = new long[0];
    private int[] firstEntries = new int[0];
    /** What the touching loop read, kept so that the compiler cannot drop its loads. */
    private long touchedSum;
    private boolean finished;

    HashJoinOperator(QueryContext context) {
      this.allocator = context.allocator();
      this.capacity = context.batchSize();
      this.table = build.table();
      this.keys = table.probeKeys();
      this.probeKeyColumns = node.probeKeys().stream().mapToInt(Integer::intValue).toArray();
      this.nullSafe = new boolean[probeKeyColumns.length];
      for (int k = 0; k < nullSafe.length; k++) {
        nullSafe[k] = node.nullSafeKeys().get(k);
      }
      this.candidateProbe = new int[capacity];
      this.candidateBuild = new int[capacity];
      this.candidateBatch = new int[capacity];
    }

    @Override
    public void process(Batch input, BatchCollector output) {
      if (holdsProbeBatches) {
        held.add(input);
        try {
          probe(input, output);
          if (candidates >= capacity / 4 || held.size() >= MOST_HELD_BATCHES) {
            flush(input, output);
          }
        } catch (RuntimeException | Error e) {
          releaseHeld();
          throw e;
        }
        if (candidates == 0) {
          releaseHeld();
        }
        return;
      }
      try (input) {
        probe(input, output);
        flush(input, output);
        emitProbeSide(input, output);
      }
    }

    private void probe(Batch input, BatchCollector output) {
      int rowCount = input.rowCount();
      if (probeMatched.length < rowCount) {
        probeMatched = new boolean[rowCount];
        hashes = new long[rowCount];
        firstEntries = new int[rowCount];
      }
      Arrays.fill(probeMatched, 0, rowCount, false);
      if (table.rowCount() > 0) {
        if (keys.length == 0) {
          probeAll(input, output);
        } else {
          probeByKey(input, output);
        }
      }
    }

    /** Closes the held probe batches but {@code kept} (null: all). */
    private void releaseHeld(Batch kept) {
      for (Batch batch : held) {
        if (batch != kept) {
          batch.close();
        }
      }
      held.clear();
      if (kept != null) {
        held.add(kept);
      }
    }

    private void releaseHeld() {
      releaseHeld(null);
    }

    @Override
    public void close() {
      releaseHeld();
    }

    /** Nested loop: every build row is a candidate for every probe row. */
    private void probeAll(Batch input, BatchCollector output) {
      boolean firstMatchOnly = joinType.projectsProbeOnly() && residual == null;
      for (int row = 0; row < input.rowCount(); row++) {
        if (firstMatchOnly) {
          probeMatched[row] = true;
          continue;
        }
        for (int buildRow = 0; buildRow < table.rowCount(); buildRow++) {
          if (buildOnly && table.isMatched(buildRow)) {
            continue;
          }
          addCandidate(input, output, row, buildRow);
        }
      }
    }

    private void probeByKey(Batch input, BatchCollector output) {
      int rowCount = input.rowCount();
      boolean direct = table.isDirect();
      if (direct) {
        findDirectHeads(input, rowCount);
      } else {
        findHashedHeads(input, rowCount);
      }
      boolean firstMatchOnly = joinType.projectsProbeOnly() && residual == null;
      for (int row = 0; row < rowCount; row++) {
        long hash = hashes[row];
        for (int entry = firstEntries[row]; entry != 0; ) {
          int buildRow = entry - 1;
          entry = table.chainNext(buildRow);
          if (!direct && (table.hash(buildRow) != hash || !keysMatch(buildRow, row))) {
            continue;
          }
          if (firstMatchOnly) {
            probeMatched[row] = true;
            break;
          }
          if (buildOnly) {
            // A build row already matched has nothing more to learn from other probe rows.
            if (table.isMatched(buildRow)) {
              continue;
            }
            if (residual == null) {
              table.markMatched(buildRow);
              continue;
            }
          }
          addCandidate(input, output, row, buildRow);
        }
      }
    }

    /** Each row's chain of the direct index: every row in it holds the probe row's key. */
    private void findDirectHeads(Batch input, int rowCount) {
      FieldVector key = input.column(probeKeyColumns[0]);
      keys[0].load(key, rowCount);
      long[] values = keys[0].loadedLongs();
      if (key.getNullCount() > 0) {
        for (int row = 0; row < rowCount; row++) {
          firstEntries[row] = key.isNull(row) ? 0 : table.directHead(values[row]);
        }
      } else {
        for (int row = 0; row < rowCount; row++) {
          firstEntries[row] = table.directHead(values[row]);
        }
      }
    }

    /** Each row's hash and the first entry of its hash chain; the chain may hold other keys. */
    private void findHashedHeads(Batch input, int rowCount) {
      Arrays.fill(hashes, 0, rowCount, 0L);
      // Keys that are not null-safe and hold NULLs; vectors count their nulls by a scan, so once.
      FieldVector[] nullableKeys = new FieldVector[keys.length];
      boolean anyNulls = false;
      for (int k = 0; k < keys.length; k++) {
        FieldVector key = input.column(probeKeyColumns[k]);
        keys[k].load(key, rowCount);
        keys[k].hash(hashes, rowCount);
        if (!nullSafe[k] && key.getNullCount() > 0) {
          nullableKeys[k] = key;
          anyNulls = true;
        }
      }
      // The chain heads first, then the first candidates' hashes and keys, each in a loop of
      // its own: the loads of different rows do not wait for each other, so their cache misses
      // overlap instead of following one another row by row.
      long[] values = table.valuesToAsk(keys[0]);
      for (int row = 0; row < rowCount; row++) {
        long hash = JoinHashing.finalMix(hashes[row]);
        hashes[row] = hash;
        firstEntries[row] = anyNulls && hasNullKey(nullableKeys, row) ? 0
            : table.candidateHead(hash, values, row);
      }
      long touched = 0;
      for (int row = 0; row < rowCount; row++) {
        int entry = firstEntries[row];
        if (entry != 0 && table.hash(entry - 1) == hashes[row]) {
          touched += keys[0].touch(entry - 1);
        }
      }
      touchedSum += touched;
    }

    private boolean hasNullKey(FieldVector[] nullableKeys, int row) {
      for (FieldVector key : nullableKeys) {
        if (key != null && key.isNull(row)) {
          return true;
        }
      }
      return false;
    }

    private boolean keysMatch(int buildRow, int row) {
      for (KeyColumn key : keys) {
        if (!key.matches(buildRow, row)) {
          return false;
        }
      }
      return true;
    }

    private void addCandidate(Batch input, BatchCollector output, int probeRow, int buildRow) {
      candidateProbe[candidates] = probeRow;
      candidateBuild[candidates] = buildRow;
      candidateBatch[candidates] = holdsProbeBatches ? held.size() - 1 : 0;
      if (++candidates == capacity) {
        flush(input, output);
        if (holdsProbeBatches) {
          // Later candidates come from the batch being probed only.
          releaseHeld(input);
        }
      }
    }

    /** Checks the collected candidate pairs and emits (or just records) the passing ones. */
    private void flush(Batch input, BatchCollector output) {
      int count = candidates;
      candidates = 0;
      if (count == 0) {
        return;
      }
      List<Batch> probes = holdsProbeBatches ? held : List.of(input);
      int[] probeOf = holdsProbeBatches ? candidateBatch : null;
      if (residual == null) {
        recordMatches(count, null);
        if (!buildOnly) {
          output.accept(gather(probes, probeOf, candidateProbe, candidateBuild, count, 0,
              outputColumns()));
        }
        return;
      }
      Batch joined = gather(probes, probeOf, candidateProbe, candidateBuild, count, 0,
          joinedFields.size());
      FieldVector mask;
      try {
        mask = residual.evaluate(joined, allocator);
      } catch (RuntimeException e) {
        joined.close();
        throw e;
      }
      try (mask) {
        recordMatches(count, mask);
        if (joinType.projectsProbeOnly() || buildOnly) {
          joined.close();
          return;
        }
        Batch passing = RowFilter.apply(joined, mask, allocator);
        if (passing != null) {
          output.accept(passing);
        }
      }
    }

    private void recordMatches(int count, FieldVector mask) {
      BitVector bits = mask instanceof BitVector bitVector ? bitVector : null;
      if (mask != null && bits == null) {
        return;
      }
      boolean trackBuild = joinType.tracksBuildMatches();
      for (int i = 0; i < count; i++) {
        if (bits != null && (bits.isNull(i) || bits.get(i) == 0)) {
          continue;
        }
        if (!holdsProbeBatches) {
          probeMatched[candidateProbe[i]] = true;
        }
        if (trackBuild) {
          table.markMatched(candidateBuild[i]);
        }
      }
    }

    /** How many of the joined columns, from the first, a matching pair emits. */
    private int outputColumns() {
      return joinType.projectsProbeOnly() ? probeColumns : joinedFields.size();
    }

    /** Emits the rows that depend on the whole probe batch: unmatched, semi and anti rows. */
    private void emitProbeSide(Batch input, BatchCollector output) {
      boolean wanted;
      switch (joinType) {
        case LEFT, FULL, ANTI -> wanted = false;
        case SEMI -> wanted = true;
        default -> {
          return;
        }
      }
      int rowCount = input.rowCount();
      int[] selected = new int[rowCount];
      int count = 0;
      for (int row = 0; row < rowCount; row++) {
        if (probeMatched[row] == wanted) {
          selected[count++] = row;
        }
      }
      if (count == 0) {
        return;
      }
      if (joinType.projectsProbeOnly()) {
        output.accept(RowCompaction.compact(input, selected, count, joinedColumnsUsed,
            allocator));
        return;
      }
      int[] noBuildRow = new int[Math.min(count, capacity)];
      Arrays.fill(noBuildRow, -1);
      for (int first = 0; first < count; first += capacity) {
        int chunk = Math.min(capacity, count - first);
        int[] rows = Arrays.copyOfRange(selected, first, first + chunk);
        output.accept(gather(List.of(input), null, rows, noBuildRow, chunk, 0,
            joinedFields.size()));
      }
    }

    @Override
    public void finish(BatchCollector output) {
      if (finished) {
        return;
      }
      finished = true;
      if (holdsProbeBatches) {
        flush(null, output);
        releaseHeld();
      }
      if (activeDrivers.decrementAndGet() != 0 || !joinType.tracksBuildMatches()) {
        return;
      }
      // Every other driver has finished probing: the matched flags are final.
      boolean wanted = joinType == JoinType.RIGHT_SEMI;
      int firstColumn = buildOnly ? probeColumns : 0;
      int[] probeRows = new int[capacity];
      Arrays.fill(probeRows, -1);
      int[] buildRows = new int[capacity];
      int count = 0;
      for (int row = 0; row < table.rowCount(); row++) {
        if (table.isMatched(row) == wanted) {
          buildRows[count++] = row;
          if (count == capacity) {
            output.accept(gather(List.of(), null, probeRows, buildRows, count, firstColumn,
                joinedFields.size()));
            count = 0;
          }
        }
      }
      if (count > 0) {
        output.accept(gather(List.of(), null, probeRows, buildRows, count, firstColumn,
            joinedFields.size()));
      }
    }

    /**
     * A new batch of {@code count} rows: row i takes probe row {@code probeRows[i]} of probe
     * batch {@code probeOf[i]} (the first when null) and build row {@code buildRows[i]} (either
     * row -1 for NULLs), joined columns {@code [from, to)} (the probe columns, then the build
     * columns).
     */
    private Batch gather(List<Batch> probes, int[] probeOf, int[] probeRows, int[] buildRows,
        int count, int from, int to) {
      List<FieldVector> columns = new ArrayList<>(to - from);
      try {
        int[] buildBatches = null;
        int[] buildLocalRows = null;
        if (to > probeColumns) {
          buildBatches = new int[count];
          buildLocalRows = new int[count];
          for (int i = 0; i < count; i++) {
            int row = buildRows[i];
            buildBatches[i] = row < 0 ? 0 : table.batchOf(row);
            buildLocalRows[i] = row < 0 ? -1 : table.localRow(row);
          }
        }
        for (int c = from; c < to; c++) {
          if (joinedColumnsUsed != null && !joinedColumnsUsed.get(c)) {
            NullVector placeholder = new NullVector(joinedFields.get(c).getName());
            placeholder.setValueCount(count);
            columns.add(placeholder);
            continue;
          }
          FieldVector target = joinedFields.get(c).createVector(allocator);
          columns.add(target);
          if (c < probeColumns) {
            int batches = Math.max(probes.size(), 1);
            FieldVector[] sources = new FieldVector[batches];
            boolean[] nulls = new boolean[batches];
            long[] values = new long[batches];
            for (int b = 0; b < probes.size(); b++) {
              sources[b] = probes.get(b).column(c);
              nulls[b] = sources[b].getNullCount() > 0;
              values[b] = RowGather.valuesAddress(sources[b]);
            }
            RowGather.gather(target, sources, nulls, values, probeOf, probeRows, count);
          } else {
            int column = c - probeColumns;
            RowGather.gather(target, table.columnOfEveryBatch(column),
                table.nullsOfEveryBatch(column), table.valuesOfEveryBatch(column), buildBatches,
                buildLocalRows, count);
          }
          target.setValueCount(count);
        }
        return Batch.of(columns, count);
      } catch (RuntimeException e) {
        columns.forEach(FieldVector::close);
        throw e;
      }
    }
  }
}
