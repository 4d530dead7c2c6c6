package dev.salvo.exec.pipeline;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Why {@link Driver#process} returned: finished, used up its time quantum, or blocked. */
public final class DriverStatus {
  /** Every batch went through; the driver can be closed. */
  public static final DriverStatus FINISHED = new DriverStatus(null);
  /** The quantum is used up; re-schedule the driver so other drivers get the thread. */
  public static final DriverStatus YIELDED = new DriverStatus(null);

  private final CompletableFuture<Void> blocked;

  private DriverStatus(CompletableFuture<Void> blocked) {
    this.blocked = blocked;
  }

  /** The sink cannot take more; re-schedule the driver when {@code future} completes. */
  public static DriverStatus blocked(CompletableFuture<Void> future) {
    return new DriverStatus(Objects.requireNonNull(future, "future"));
  }

  public boolean isBlocked() {
    return blocked != null;
  }

  /** The future to wait for; only for a blocked status. */
  public CompletableFuture<Void> blockedFuture() {
    return blocked;
  }

  @Override
  public String toString() {
    return this == FINISHED ? "FINISHED" : this == YIELDED ? "YIELDED" : "BLOCKED";
  }
}
