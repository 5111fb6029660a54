package io.sightline.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The cancellation of one request whose client went away: storage exchanges in flight for the
 * request register what stops them ({@link #onCancel}), and {@link #cancel}, called from whatever
 * thread noticed the departure, stops them at once. The request's thread then fails with a {@link
 * RequestCancelledException}, and its {@link ReadBudget} lease closes as it unwinds, so its budget
 * is free without waiting for the store's answer or a timeout. Go's server does the same: a
 * request's context is cancelled when its connection closes.
 *
 * <p>Bound to the request's thread between {@link #open} and closing the scope; without one,
 * registering does nothing.
 */
public final class RequestCancellation {

  private static final ThreadLocal<RequestCancellation> CURRENT = new ThreadLocal<>();

  private final List<Runnable> hooks = new ArrayList<>(2);
  private boolean cancelled;

  /** What stops one exchange; closing it unregisters (the exchange ended on its own). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final Registration NONE = () -> {};

  /** A new cancellation, bound to this thread until the returned scope is closed. */
  public static Scope open() {
    RequestCancellation cancellation = new RequestCancellation();
    RequestCancellation outer = CURRENT.get();
    CURRENT.set(cancellation);
    return new Scope(cancellation, outer);
  }

  /**
   * Registers what stops an exchange of the current request (run at most once, on the thread that
   * cancels); when the request is cancelled already, runs it now.
   */
  public static Registration onCancel(Runnable hook) {
    RequestCancellation cancellation = CURRENT.get();
    if (cancellation == null) {
      return NONE;
    }
    synchronized (cancellation) {
      if (!cancellation.cancelled) {
        cancellation.hooks.add(hook);
        return () -> {
          synchronized (cancellation) {
            cancellation.hooks.remove(hook);
          }
        };
      }
    }
    hook.run();
    return NONE;
  }

  /** Whether the current request has been cancelled (false outside a request). */
  public static boolean currentCancelled() {
    RequestCancellation cancellation = CURRENT.get();
    return cancellation != null && cancellation.cancelled();
  }

  /** Throws {@link RequestCancelledException} when the current request has been cancelled. */
  public static void throwIfCancelled() {
    if (currentCancelled()) {
      throw new RequestCancelledException();
    }
  }

  /** Stops every registered exchange, and any registered later. Idempotent. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = List.copyOf(hooks);
      hooks.clear();
    }
    toRun.forEach(Runnable::run);
  }

  public synchronized boolean cancelled() {
    return cancelled;
  }

  /** The binding of a cancellation to the request's thread. */
  public static final class Scope implements AutoCloseable {
    private final RequestCancellation cancellation;
    private final RequestCancellation outer;

    private Scope(RequestCancellation cancellation, RequestCancellation outer) {
      this.cancellation = cancellation;
      this.outer = outer;
    }

    public RequestCancellation cancellation() {
      return cancellation;
    }

    @Override
    public void close() {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }
}
