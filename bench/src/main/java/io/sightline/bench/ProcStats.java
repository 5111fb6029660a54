package io.sightline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A process's resource use read from Linux's {@code /proc}: CPU time from {@code /proc/<pid>/stat}
 * (user + system, in clock ticks) and resident memory from {@code /proc/<pid>/status} ({@code
 * VmHWM}, the peak, and {@code VmRSS}, the current).
 */
final class ProcStats {

  private static final Pattern SPACES = Pattern.compile(" +");

  /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux this runs on (checked at startup). */
  static final double TICKS_PER_SECOND = clockTicks();

  private final long pid;

  ProcStats(long pid) {
    this.pid = pid;
  }

  long pid() {
    return pid;
  }

  /** User + system CPU seconds so far; NaN when the process is gone. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      String[] fields = SPACES.split(stat.substring(stat.lastIndexOf(')') + 2).trim());
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * CPU seconds so far of the JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2
   * CompilerThre…} in {@code /proc/<pid>/task/<tid>/comm}); NaN when the process is gone. A
   * compiler thread that ended took its time with it: the figure is for comparing two readings
   * close together.
   */
  double compilerCpuSeconds() {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (var threads = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) threads::iterator) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
          if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            continue;
          }
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        String[] fields = SPACES.split(stat.substring(stat.lastIndexOf(')') + 2).trim());
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** Peak resident set size ({@code VmHWM}) in MiB; NaN when unknown. */
  double peakRssMiB() {
    return statusKiB("VmHWM:") / 1024.0;
  }

  /** Current resident set size ({@code VmRSS}) in MiB; NaN when unknown. */
  double rssMiB() {
    return statusKiB("VmRSS:") / 1024.0;
  }

  private double statusKiB(String field) {
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field)) {
          return Long.parseLong(SPACES.split(line.substring(field.length()).trim())[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return Double.NaN;
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      p.waitFor();
      return Double.parseDouble(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
