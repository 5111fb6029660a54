package io.sightline.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stops processes this JVM did not start through {@link ChildProcess} (chromedriver and Chromium,
 * which Selenium starts) if the benchmark dies without stopping them, even by SIGKILL: a shell
 * reads the process IDs to watch from a pipe ({@code +pid}, and {@code -pid} once stopped
 * normally); when the pipe closes (this JVM ended) it sends SIGTERM, then SIGKILL, to those still
 * watched and to their children (Chromium, started by chromedriver).
 */
final class Reaper {

  private static final String SCRIPT =
      """
      pids=""
      while read -r line; do
        case "$line" in
          +*) pids="$pids ${line#+}" ;;
          -*) kept=""; for p in $pids; do [ "$p" = "${line#-}" ] || kept="$kept $p"; done; pids="$kept" ;;
        esac
      done
      [ -z "$pids" ] && exit 0
      for p in $pids; do pkill -TERM -P "$p" 2>/dev/null; kill -TERM "$p" 2>/dev/null; done
      sleep 2
      for p in $pids; do pkill -KILL -P "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; done
      exit 0
      """;

  private static Process shell;

  private Reaper() {}

  /** Watches these processes until {@link #release} (or the end of this JVM, which stops them). */
  static synchronized void watch(List<ProcessHandle> processes) {
    send(processes, '+');
  }

  /** The processes stopped normally: no longer watched. */
  static synchronized void release(List<ProcessHandle> processes) {
    send(processes, '-');
  }

  private static void send(List<ProcessHandle> processes, char sign) {
    try {
      if (shell == null) {
        shell =
            new ProcessBuilder("sh", "-c", SCRIPT, "bench-reaper")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
      }
      OutputStream in = shell.getOutputStream();
      for (ProcessHandle p : processes) {
        in.write((sign + Long.toString(p.pid()) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      in.flush();
    } catch (IOException e) {
      Console.info("reaper: %s", e.getMessage());
    }
  }
}
