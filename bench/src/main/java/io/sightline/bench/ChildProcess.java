package io.sightline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server the benchmark runs (Sightline, Zipkin): started under a small shell watchdog that reads
 * its standard input, so that when the benchmark stops it, or dies without stopping it (even by
 * SIGKILL), the pipe closes and the watchdog stops the server. Nothing outlives the benchmark.
 *
 * <p>A shell starts background commands with SIGINT and SIGQUIT ignored; {@code env
 * --default-signal} restores them, so that {@code jcmd}/{@code jstack} (which signal SIGQUIT) can
 * attach to the server for profiling.
 */
final class ChildProcess implements AutoCloseable {

  private static final String WATCHDOG =
      """
      exec 3<&0
      env --default-signal=INT,QUIT "$@" </dev/null 3<&- &
      child=$!
      (
        cat <&3 >/dev/null
        kill -TERM "$child" 2>/dev/null
        i=0
        while [ $i -lt 60 ] && kill -0 "$child" 2>/dev/null; do sleep 0.5; i=$((i+1)); done
        kill -KILL "$child" 2>/dev/null
      ) </dev/null &
      exec 3<&-
      wait "$child"
      """;

  private final String name;
  private final Process watchdog;
  private final Path log;
  private final long pid;

  private ChildProcess(String name, Process watchdog, Path log, long pid) {
    this.name = name;
    this.watchdog = watchdog;
    this.log = log;
    this.pid = pid;
  }

  /**
   * Starts {@code command} (a {@code java} command) with the environment changes, output to {@code
   * log}.
   *
   * @param env variables to set; a null value removes one
   */
  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    List<String> full = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "bench-watchdog"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full);
    for (String inherited : List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS")) {
      builder.environment().remove(inherited);
    }
    env.forEach(
        (k, v) -> {
          if (v == null) {
            builder.environment().remove(k);
          } else {
            builder.environment().put(k, v);
          }
        });
    Files.createDirectories(log.getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = builder.start();
    long pid = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pid < 0 && System.nanoTime() < deadline && process.isAlive()) {
      pid =
          process
              .children()
              .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
              .mapToLong(ProcessHandle::pid)
              .findFirst()
              .orElse(-1);
      if (pid < 0) {
        sleep(20);
      }
    }
    if (pid < 0) {
      process.destroyForcibly();
      throw new IOException(name + " did not start" + tail(log));
    }
    return new ChildProcess(name, process, log, pid);
  }

  long pid() {
    return pid;
  }

  ProcStats stats() {
    return new ProcStats(pid);
  }

  boolean isAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  Path log() {
    return log;
  }

  /**
   * Waits until {@code ready} holds.
   *
   * @throws IOException with the end of the log when the process exits or time runs out
   */
  void await(BooleanSupplier ready, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!isAlive()) {
        throw new IOException(name + " exited while starting" + tail(log));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      sleep(200);
    }
    throw new IOException(name + " not ready within " + timeout.toSeconds() + " s" + tail(log));
  }

  /** Waits for the process to end by itself; returns its exit status (the watchdog's). */
  int waitFor(Duration timeout) throws InterruptedException, IOException {
    if (!watchdog.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IOException(name + " did not finish within " + timeout.toMinutes() + " min");
    }
    return watchdog.exitValue();
  }

  @Override
  public void close() {
    try (OutputStream stdin = watchdog.getOutputStream()) {
      // Closing is the signal.
    } catch (IOException e) {
      // already closed
    }
    try {
      if (!watchdog.waitFor(40, TimeUnit.SECONDS)) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        watchdog.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "\n--- last lines of "
          + log
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | RuntimeException e) {
      return " (no log: " + e.getMessage() + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid + ")";
  }
}
