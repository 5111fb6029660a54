package io.sightline.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How long the run's parts took: the phase lines of the report, and the rates the next run's {@link
 * Estimate} is computed from (server start-up seconds, loader spans per second, …), saved after
 * every phase to {@code target/bench/timings.properties} so that an interrupted run still leaves
 * them. All values are seconds or per-second rates.
 */
final class Timings {

  private final Path file;
  private final Map<String, double[]> means = new TreeMap<>();
  private final Map<String, Double> phases = new LinkedHashMap<>();

  /** What the previous runs measured: kept for what this run does not measure (e.g. --only). */
  private final Map<String, Double> previous;

  Timings(Path file) {
    this.file = file;
    this.previous = load(file);
  }

  /** Adds one observation of {@code key} (e.g. a server's start-up seconds) to its mean. */
  void observe(String key, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    double[] sumAndCount = means.computeIfAbsent(key, k -> new double[2]);
    sumAndCount[0] += value;
    sumAndCount[1]++;
  }

  /** Records a phase's wall time (for the report) and saves the observations so far. */
  void phase(String name, double seconds) {
    phases.merge(name, seconds, Double::sum);
    Console.info("phase %s: %.0f s", name, seconds);
    save();
  }

  /** The phases' wall times, as a Markdown list. */
  String markdown(double totalSeconds) {
    List<String> lines = new ArrayList<>();
    phases.forEach(
        (name, s) -> lines.add(String.format(Locale.ROOT, "- %s: %s", name, minutes(s))));
    lines.add(String.format(Locale.ROOT, "- **total: %s**", minutes(totalSeconds)));
    return "## Wall time of the run\n\n" + String.join("\n", lines);
  }

  static String minutes(double seconds) {
    return seconds >= 90
        ? String.format(Locale.ROOT, "%.1f min", seconds / 60)
        : String.format(Locale.ROOT, "%.0f s", seconds);
  }

  private void save() {
    Properties out = new Properties();
    previous.forEach((k, v) -> out.setProperty(k, String.format(Locale.ROOT, "%.4f", v)));
    means.forEach((k, v) -> out.setProperty(k, String.format(Locale.ROOT, "%.4f", v[0] / v[1])));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        out.store(w, "bench/run timings (seconds, spans/s), read by the next run's estimate");
      }
    } catch (IOException e) {
      Console.info("cannot write %s: %s", file, e.getMessage());
    }
  }

  /** The observations a previous run saved; empty when there are none. */
  static Map<String, Double> load(Path file) {
    Map<String, Double> values = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    Properties in = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.load(r);
    } catch (IOException e) {
      return values;
    }
    for (String key : in.stringPropertyNames()) {
      try {
        values.put(key, Double.parseDouble(in.getProperty(key)));
      } catch (NumberFormatException e) {
        // ignore a damaged line
      }
    }
    return values;
  }
}
