package io.sightline.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with names: the background work of the server and the commands (timers, probes,
 * page-ahead readers) must never keep the JVM from exiting, and a thread dump must say what each
 * thread is for.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A daemon thread named {@code name} that will run {@code task}; not started. */
  public static Thread create(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Starts a daemon thread named {@code name} running {@code task}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = create(name, task);
    thread.start();
    return thread;
  }

  /** A factory of daemon threads all named {@code name}: for an executor of one thread. */
  public static ThreadFactory named(String name) {
    return task -> create(name, task);
  }

  /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> create(prefix + "-" + count.incrementAndGet(), task);
  }
}
