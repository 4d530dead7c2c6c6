package dev.salvo.udf.runtime;

import dev.salvo.exec.runner.QueryContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches running calls from one timer thread: aborts a call that runs past its timeout or whose
 * query was cancelled, so callers stop promptly without a thread per call.
 */
final class CallWatchdog {
  private final Set<ActiveCall> calls = ConcurrentHashMap.newKeySet();

  /** A call being watched; {@link #abortReason()} is set once the watchdog aborted it. */
  static final class ActiveCall {
    private final UdfInstance instance;
    private final long timeoutNanos;
    private final QueryContext query;
    private volatile String abortReason;

    private ActiveCall(UdfInstance instance, long timeoutNanos, QueryContext query) {
      this.instance = instance;
      this.timeoutNanos = timeoutNanos;
      this.query = query;
    }

    String abortReason() {
      return abortReason;
    }

    boolean cancelledByQuery() {
      return query.isCancelled();
    }
  }

  ActiveCall watch(UdfInstance instance, long timeoutNanos, QueryContext query) {
    ActiveCall call = new ActiveCall(instance, timeoutNanos, query);
    calls.add(call);
    return call;
  }

  void unwatch(ActiveCall call) {
    calls.remove(call);
  }

  /** One sweep; the runtime's timer runs it every few milliseconds. */
  void sweep() {
    long now = System.nanoTime();
    for (ActiveCall call : calls) {
      if (call.abortReason != null) {
        continue;
      }
      if (call.query.isCancelled()) {
        call.abortReason = "query cancelled";
        call.instance.abort();
        continue;
      }
      long started = call.instance.callStartedNanos();
      if (call.timeoutNanos > 0 && started != 0 && now - started > call.timeoutNanos) {
        call.abortReason = "timed out after " + call.timeoutNanos / 1_000_000 + " ms";
        call.instance.abort();
      }
    }
  }
}
