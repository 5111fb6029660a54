package io.sightline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the report says about the machine. */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    long memKiB = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          memKiB = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // leave unknown
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB RAM, %s %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memKiB / 1048576.0,
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  /** {@code /proc/loadavg}'s three load averages, or {@code ?}. */
  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String gitDescribe() {
    try {
      Process p =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return "commit " + out;
    } catch (IOException e) {
      return "commit unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "commit unknown";
    }
  }
}
