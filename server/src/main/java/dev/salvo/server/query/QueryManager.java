package dev.salvo.server.query;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.error.SalvoException;
import dev.salvo.exec.runner.QueryProgress;
import dev.salvo.server.query.ManagedQuery.CancelOutcome;
import dev.salvo.server.query.ManagedQuery.ReapAction;
import dev.salvo.server.query.QueryAccessException.Reason;
import dev.salvo.sql.FunctionInfo;
import dev.salvo.sql.QueryOptions;
import dev.salvo.sql.function.RegisteredFunction;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every query the server knows: admits submissions up to the configured number of running and
 * queued queries, starts queued ones as running ones end, cancels queries no client asks about
 * any more, releases results no client came back for, and remembers ended queries for listings.
 *
 * <p>Submitting plans the statement at once, on the caller's thread, so bad SQL is reported to
 * the submitter right away; running waits for a slot.
 */
public final class QueryManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryManager.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final long MAX_REAPER_INTERVAL_MILLIS = 1000;
  private static final long DEFAULT_PAGE_BYTES = 1L << 20;

  /**
   * How the manager is sized.
   *
   * @param maxRunning queries running at once
   * @param maxQueued queries waiting for a running slot
   * @param resultBufferBytes Arrow bytes one query buffers for its client
   * @param maxResultBytes Arrow bytes one query may return; 0 for no limit
   * @param pageBytes Arrow bytes at which a page is cut
   * @param resultExpiry how long ended queries keep unread results after the last request
   * @param clientTimeout how long a queued or running query lives without a request
   * @param historySize ended queries remembered
   */
  public record Settings(int maxRunning, int maxQueued, long resultBufferBytes,
      long maxResultBytes, long pageBytes, Duration resultExpiry, Duration clientTimeout,
      int historySize) {

    public Settings {
      if (maxRunning < 1 || maxQueued < 0 || resultBufferBytes < 1 || maxResultBytes < 0
          || pageBytes < 1 || historySize < 0) {
        throw new IllegalArgumentException("Invalid query manager settings");
      }
      Objects.requireNonNull(resultExpiry, "resultExpiry");
      Objects.requireNonNull(clientTimeout, "clientTimeout");
    }

    /** Settings with the default page size. */
    public static Settings of(int maxRunning, int maxQueued, long resultBufferBytes,
        long maxResultBytes, Duration resultExpiry, Duration clientTimeout, int historySize) {
      return new Settings(maxRunning, maxQueued, resultBufferBytes, maxResultBytes,
          DEFAULT_PAGE_BYTES, resultExpiry, clientTimeout, historySize);
    }
  }

  /**
   * The answer to a submission.
   *
   * @param query the query
   * @param created false when an earlier submission with the same client request id made it
   */
  public record Submission(ManagedQuery query, boolean created) {}

  /**
   * Counters for the metrics endpoint.
   *
   * @param queued queries waiting for a slot now
   * @param running queries running now
   * @param ended queries that ended since the start, by final state
   * @param submitted queries accepted since the start
   * @param rejected submissions refused for want of a slot
   * @param latency durations from submission to end of the queries that ended
   * @param totals the progress counters summed over every query
   * @param memoryBytes Arrow memory all queries hold now
   */
  public record Metrics(int queued, int running, Map<QueryState, Long> ended, long submitted,
      long rejected, LatencyHistogram.Snapshot latency, QueryProgress totals, long memoryBytes) {}

  private final StatementExecutor executor;
  private final Settings settings;
  private final ManagedQuery.Limits limits;
  private final PageEncoder encoder;
  private final ManagedQuery.Listener listener = new Listener();

  private final Map<String, ManagedQuery> queries = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Submission>> byClientRequest =
      new ConcurrentHashMap<>();
  private final ArrayDeque<ManagedQuery> queue = new ArrayDeque<>();
  private final Set<ManagedQuery> running = new HashSet<>();
  private final ArrayDeque<ManagedQuery> ended = new ArrayDeque<>();
  private int planning;
  private boolean shuttingDown;

  private final QueryProgress totals = new QueryProgress();
  private final LatencyHistogram latency = new LatencyHistogram();
  private final Map<QueryState, LongAdder> endedCounts = new EnumMap<>(QueryState.class);
  private final LongAdder submitted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final AtomicLong sequence = new AtomicLong();
  private final SecureRandom random = new SecureRandom();

  private final ExecutorService pumps;
  private final ExecutorService pageWork;
  private final ScheduledExecutorService reaper;
  private final ScheduledThreadPoolExecutor timers;

  public QueryManager(StatementExecutor executor, Settings settings, PageEncoder encoder) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.limits = new ManagedQuery.Limits(settings.resultBufferBytes(),
        settings.maxResultBytes(), settings.pageBytes());
    for (QueryState state : QueryState.values()) {
      if (state.isDone()) {
        endedCounts.put(state, new LongAdder());
      }
    }
    pumps = Executors.newCachedThreadPool(daemonThreads("salvo-query-"));
    pageWork = Executors.newCachedThreadPool(daemonThreads("salvo-page-"));
    reaper = Executors.newSingleThreadScheduledExecutor(daemonThreads("salvo-reaper-"));
    timers = new ScheduledThreadPoolExecutor(1, daemonThreads("salvo-page-timer-"));
    timers.setRemoveOnCancelPolicy(true);
    long interval = Math.max(10, Math.min(MAX_REAPER_INTERVAL_MILLIS,
        Math.min(settings.resultExpiry().toMillis(), settings.clientTimeout().toMillis()) / 4));
    reaper.scheduleWithFixedDelay(this::reapQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  public Settings settings() {
    return settings;
  }

  /** The built-in SQL functions statements can call. */
  public List<FunctionInfo> functions() {
    return executor.functions();
  }

  /** The functions created with {@code CREATE FUNCTION}, by name. */
  public List<RegisteredFunction> userFunctions() {
    return executor.userFunctions();
  }

  // ------------------------------------------------------------------------------- submit

  /**
   * Plans the statement and starts it, or queues it when every running slot is taken.
   *
   * @throws SalvoException UNKNOWN_SETTING or INVALID_SETTING_VALUE for bad session properties;
   *     the planning error for a statement that cannot be planned (the failed query is
   *     remembered all the same: the exception is a {@link PlanningFailedException} naming it)
   * @throws QueryAccessException OVERLOADED when running and queue slots are all taken,
   *     UNAVAILABLE while shutting down, CONFLICT when the client request id was used for
   *     another statement
   */
  public Submission submit(QueryRequest request) {
    // The properties are session settings, checked by the session API like a SET: one
    // definition of what each setting accepts, whichever way a client sends it.
    StatementExecutor session = request.properties().isEmpty() ? executor
        : executor.openSession(request.properties());
    if (request.clientRequestId() == null) {
      return admit(request, session);
    }
    String key = request.user() + "\u0000" + request.clientRequestId();
    CompletableFuture<Submission> mine = new CompletableFuture<>();
    CompletableFuture<Submission> earlier = byClientRequest.putIfAbsent(key, mine);
    if (earlier != null) {
      Submission first;
      try {
        first = earlier.join();
      } catch (RuntimeException e) {
        // The first submission was refused before it made a query; this one may try again.
        byClientRequest.remove(key, earlier);
        return submit(request);
      }
      ManagedQuery query = first.query();
      if (!query.sql().equals(request.sql())
          || !query.properties().equals(request.properties())) {
        throw new QueryAccessException(Reason.CONFLICT, ErrorCode.INVALID_ARGUMENT,
            "Client request id '" + request.clientRequestId() + "' was already used for query "
                + query.id() + " with another statement or other properties");
      }
      if (query.state() == QueryState.FAILED && query.rowType() == null) {
        throw new PlanningFailedException(query);
      }
      return new Submission(query, false);
    }
    try {
      Submission submission = admit(request, session);
      mine.complete(submission);
      return submission;
    } catch (PlanningFailedException e) {
      mine.complete(new Submission(e.query(), true));
      throw e;
    } catch (RuntimeException e) {
      byClientRequest.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private Submission admit(QueryRequest request, StatementExecutor session) {
    ManagedQuery.Submitted arrival = ManagedQuery.Submitted.now(request);
    synchronized (this) {
      if (shuttingDown) {
        throw shuttingDownError();
      }
      int capacity = settings.maxRunning() + settings.maxQueued();
      if (running.size() + queue.size() + planning >= capacity) {
        rejected.increment();
        throw new QueryAccessException(Reason.OVERLOADED, ErrorCode.TOO_MANY_QUERIES,
            "The server already runs " + running.size() + " and queues " + queue.size()
                + " queries (query.max-running=" + settings.maxRunning()
                + ", query.max-queued=" + settings.maxQueued() + "); try again later");
      }
      planning++;
    }
    String id = newId();
    StatementExecutor.Prepared prepared;
    try {
      prepared = session.compile(request.sql());
    } catch (RuntimeException e) {
      SalvoException error = SalvoException.wrap(e);
      if (error.code() == ErrorCode.INTERNAL_ERROR) {
        LOG.error("Planning query {} failed with an internal error", id, e);
      }
      ManagedQuery failed = ManagedQuery.failed(id, arrival, error, limits, encoder,
          listener);
      synchronized (this) {
        planning--;
        queries.put(id, failed);
        submitted.increment();
      }
      recordEnd(failed);
      throw new PlanningFailedException(failed);
    }
    ManagedQuery query = ManagedQuery.queued(id, arrival, QueryOptions.DEFAULTS,
        new QueryProgress(totals), prepared, limits, encoder, listener);
    boolean startNow;
    synchronized (this) {
      planning--;
      queries.put(id, query);
      submitted.increment();
      if (shuttingDown) {
        startNow = false;
      } else if (running.size() < settings.maxRunning() && queue.isEmpty()) {
        running.add(query);
        startNow = true;
      } else {
        queue.add(query);
        startNow = false;
      }
    }
    LOG.debug("Query {} submitted by {}: {}", id, request.user(), request.sql());
    if (startNow) {
      startQuery(query);
    } else if (isShuttingDown()) {
      query.cancel(shuttingDownError());
    }
    return new Submission(query, true);
  }

  private void startQuery(ManagedQuery query) {
    if (!query.start()) {
      slotFreed(query);
      return;
    }
    try {
      pumps.execute(query::pump);
    } catch (RejectedExecutionException e) {
      // Shutting down: the pump sees the cancellation at once and releases the query.
      query.cancel(shuttingDownError());
      query.pump();
    }
  }

  /** A running query stopped executing: start the next queued one. */
  private void slotFreed(ManagedQuery query) {
    ManagedQuery next = null;
    synchronized (this) {
      if (!running.remove(query)) {
        return;
      }
      while (!queue.isEmpty() && !shuttingDown) {
        ManagedQuery candidate = queue.poll();
        if (candidate.state() == QueryState.QUEUED) {
          running.add(candidate);
          next = candidate;
          break;
        }
      }
    }
    if (next != null) {
      startQuery(next);
    }
  }

  private String newId() {
    StringBuilder suffix = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      suffix.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return ID_TIME.format(java.time.Instant.now()) + "_"
        + String.format("%05d", sequence.incrementAndGet() % 100_000) + "_" + suffix;
  }

  // ------------------------------------------------------------------------------- access

  /**
   * The query with this id.
   *
   * @throws QueryAccessException NOT_FOUND when there is none (or it was forgotten)
   */
  public ManagedQuery get(String id) {
    ManagedQuery query = queries.get(id);
    if (query == null) {
      throw new QueryAccessException(Reason.NOT_FOUND, ErrorCode.QUERY_NOT_FOUND,
          "No query '" + id + "'; it never existed or was forgotten (query.history-size)");
    }
    return query;
  }

  /**
   * Cancels a queued or running query.
   *
   * @return the query, now cancelled (also when it already was)
   * @throws QueryAccessException NOT_FOUND for an unknown id, CONFLICT for a query that already
   *     finished or failed
   */
  public ManagedQuery cancel(String id) {
    ManagedQuery query = get(id);
    query.touch();
    // The reason doubles as the error later requests for the rows get: 409, the query was
    // cancelled (as opposed to 503 for a server that is shutting down).
    CancelOutcome outcome = cancel(query, new QueryAccessException(Reason.CONFLICT,
        ErrorCode.QUERY_CANCELLED, "Query " + id + " was cancelled by a client"));
    if (outcome == CancelOutcome.ALREADY_ENDED) {
      throw new QueryAccessException(Reason.CONFLICT, ErrorCode.QUERY_ALREADY_FINISHED,
          "Query " + id + " already " + query.state().name().toLowerCase(java.util.Locale.ROOT)
              + "; only queued and running queries can be cancelled");
    }
    return query;
  }

  private CancelOutcome cancel(ManagedQuery query, SalvoException reason) {
    synchronized (this) {
      queue.remove(query);
    }
    CancelOutcome outcome = query.cancel(reason);
    if (outcome == CancelOutcome.CANCELLED) {
      LOG.debug("Query {} cancelled: {}", query.id(), reason.getMessage());
    }
    return outcome;
  }

  /**
   * A client that was streaming the query's result went away: cancel it if it still runs, and
   * release what it holds.
   */
  public void abandon(ManagedQuery query) {
    CancelOutcome outcome = cancel(query, new SalvoException(ErrorCode.QUERY_CANCELLED,
        "The client of query " + query.id() + " went away"));
    if (outcome != CancelOutcome.CANCELLED) {
      query.expireResults();
    }
  }

  /**
   * Page {@code token} of the query's result, waiting up to {@code maxWait} for rows when the
   * query is still producing; completes without a page when none were ready in time.
   */
  public CompletableFuture<PageResult> fetchPage(ManagedQuery query, long token,
      Duration maxWait) {
    CompletableFuture<PageResult> result = new CompletableFuture<>();
    attemptFetch(query, token, System.nanoTime() + maxWait.toNanos(), result);
    return result;
  }

  private void attemptFetch(ManagedQuery query, long token, long deadline,
      CompletableFuture<PageResult> result) {
    if (result.isDone()) {
      return;
    }
    long remaining = deadline - System.nanoTime();
    try {
      if (remaining <= 0) {
        // The last look: whatever is there, or a page without rows.
        PageResult page = query.tryFetch(token, null);
        result.complete(page != null ? page : new PageResult(token, null, true));
        return;
      }
      Waiter waiter = new Waiter(query, token, deadline, result);
      PageResult page = query.tryFetch(token, waiter);
      if (page != null) {
        result.complete(page);
        return;
      }
      waiter.timeout = timers.schedule(waiter::timedOut, remaining, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * A page request waiting for rows: the query runs it at its next change, the timer when the
   * wait is over; whichever comes first looks again (on another thread, never the query's).
   */
  private final class Waiter implements Runnable {
    private final ManagedQuery query;
    private final long token;
    private final long deadline;
    private final CompletableFuture<PageResult> result;
    private volatile java.util.concurrent.ScheduledFuture<?> timeout;

    Waiter(ManagedQuery query, long token, long deadline, CompletableFuture<PageResult> result) {
      this.query = query;
      this.token = token;
      this.deadline = deadline;
      this.result = result;
    }

    /** The query changed. */
    @Override
    public void run() {
      java.util.concurrent.ScheduledFuture<?> pending = timeout;
      if (pending != null) {
        pending.cancel(false);
      }
      lookAgain();
    }

    void timedOut() {
      if (query.removeWaiter(this)) {
        lookAgain();
      }
    }

    private void lookAgain() {
      try {
        pageWork.execute(() -> attemptFetch(query, token, deadline, result));
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(shuttingDownError());
      }
    }
  }

  /** Snapshots of every query known, newest first. */
  public List<QueryInfo> list() {
    List<QueryInfo> infos = new ArrayList<>();
    for (ManagedQuery query : queries.values()) {
      infos.add(query.info());
    }
    infos.sort(Comparator.comparing(QueryInfo::createdAt).reversed()
        .thenComparing(QueryInfo::id, Comparator.reverseOrder()));
    return infos;
  }

  /** The counters the metrics endpoint shows. */
  public Metrics metrics() {
    int queuedNow;
    int runningNow = 0;
    synchronized (this) {
      queuedNow = queue.size();
    }
    for (ManagedQuery query : queries.values()) {
      if (query.state() == QueryState.RUNNING) {
        runningNow++;
      }
    }
    Map<QueryState, Long> endedNow = new EnumMap<>(QueryState.class);
    endedCounts.forEach((state, count) -> endedNow.put(state, count.sum()));
    return new Metrics(queuedNow, runningNow, endedNow, submitted.sum(), rejected.sum(),
        latency.snapshot(), totals, executor.allocatedMemory());
  }

  // ------------------------------------------------------------------------- housekeeping

  private void recordEnd(ManagedQuery query) {
    QueryState state = query.state();
    LongAdder count = endedCounts.get(state);
    if (count != null) {
      count.increment();
    }
    latency.observe(query.durationSeconds());
    synchronized (this) {
      ended.add(query);
    }
    trimHistory();
  }

  /** Forgets the oldest ended queries beyond the history size, once they hold no memory. */
  private void trimHistory() {
    List<ManagedQuery> forgotten = new ArrayList<>();
    synchronized (this) {
      int excess = ended.size() - settings.historySize();
      Iterator<ManagedQuery> oldestFirst = ended.iterator();
      while (excess > 0 && oldestFirst.hasNext()) {
        ManagedQuery query = oldestFirst.next();
        if (query.isReleased()) {
          oldestFirst.remove();
          forgotten.add(query);
          excess--;
        }
      }
    }
    for (ManagedQuery query : forgotten) {
      queries.remove(query.id(), query);
      if (query.clientRequestId() != null) {
        byClientRequest.remove(query.user() + "\u0000" + query.clientRequestId());
      }
    }
  }

  private void reapQuietly() {
    try {
      reap();
    } catch (RuntimeException e) {
      LOG.warn("Query housekeeping failed", e);
    }
  }

  /** Cancels abandoned queries, releases expired results, forgets old queries. */
  void reap() {
    long now = System.nanoTime();
    long clientTimeout = settings.clientTimeout().toNanos();
    long resultExpiry = settings.resultExpiry().toNanos();
    for (ManagedQuery query : queries.values()) {
      ReapAction action = query.reapAction(now, clientTimeout, resultExpiry);
      if (action == ReapAction.CANCEL_ABANDONED) {
        LOG.info("Cancelling query {}: no client asked about it for {}", query.id(),
            settings.clientTimeout());
        cancel(query, new QueryAccessException(Reason.CONFLICT, ErrorCode.QUERY_CANCELLED,
            "Query " + query.id() + " was abandoned: no client asked about it within"
                + " query.client-timeout"));
      } else if (action == ReapAction.EXPIRE_RESULTS) {
        query.expireResults();
      }
    }
    trimHistory();
  }

  // ----------------------------------------------------------------------------- shutdown

  private synchronized boolean isShuttingDown() {
    return shuttingDown;
  }

  /**
   * Refuses new queries, cancels queued and running ones, releases every result and waits up
   * to ten seconds for the queries to stop.
   */
  public void shutDown() {
    List<ManagedQuery> all;
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      queue.clear();
      all = new ArrayList<>(queries.values());
    }
    reaper.shutdownNow();
    for (ManagedQuery query : all) {
      query.cancel(shuttingDownError());
    }
    pumps.shutdown();
    try {
      if (!pumps.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Some queries did not stop within 10 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ManagedQuery query : all) {
      query.expireResults();
    }
    timers.shutdownNow();
    pageWork.shutdownNow();
  }

  @Override
  public void close() {
    shutDown();
  }

  /** Queued plus running queries. */
  public synchronized int activeCount() {
    return queue.size() + running.size();
  }

  private static QueryAccessException shuttingDownError() {
    return new QueryAccessException(Reason.UNAVAILABLE, ErrorCode.QUERY_CANCELLED,
        "The server is shutting down");
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Hears from the queries. */
  private final class Listener implements ManagedQuery.Listener {
    @Override
    public void ended(ManagedQuery query) {
      recordEnd(query);
    }

    @Override
    public void executionStopped(ManagedQuery query) {
      slotFreed(query);
    }
  }

  /**
   * The statement could not be planned. The failed query is remembered (it shows in listings
   * with its error), and the submitter gets the planning error.
   */
  public static final class PlanningFailedException extends SalvoException {
    private static final long serialVersionUID = 1L;
    private final transient ManagedQuery query;

    PlanningFailedException(ManagedQuery query) {
      super(query.error().code(), query.error().getMessage(), query.error().line(),
          query.error().column(), query.error());
      this.query = query;
    }

    public ManagedQuery query() {
      return query;
    }
  }
}
