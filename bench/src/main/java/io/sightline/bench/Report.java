package io.sightline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run's tables, as Markdown (readable as plain text on a terminal too). */
final class Report {

  /**
   * One table row.
   *
   * @param peakRssMiB the product process's peak RSS over its whole scenario (warm-ups and both
   *     concurrencies), NaN when not applicable
   * @param ratio this row's p50 divided by the reference row's p50 (raw Elasticsearch or Zipkin at
   *     the same concurrency), NaN when there is none
   */
  record Row(
      String scenario,
      String target,
      int clients,
      Measurement m,
      double peakRssMiB,
      double ratio,
      String result) {}

  /** A table and what it needs to be read right. */
  static final class Section {
    final String title;
    final String intro;
    final String ratioHeader;
    final List<Row> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    Section(String title, String intro, String ratioHeader) {
      this.title = title;
      this.intro = intro;
      this.ratioHeader = ratioHeader;
    }

    void add(Row row) {
      rows.add(row);
      Console.info("%s", line(row));
    }

    String markdown() {
      StringBuilder out = new StringBuilder();
      out.append("## ").append(title).append("\n\n");
      if (!intro.isEmpty()) {
        out.append(intro).append("\n\n");
      }
      out.append(
              "| scenario | target | clients | n | p50 ms | p99 ms | req/s | CPU s | ES CPU s |"
                  + " peak RSS MiB | ")
          .append(ratioHeader)
          .append(" | result |\n");
      out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
      for (Row row : rows) {
        Measurement m = row.m();
        String result = row.result() == null ? "" : row.result();
        if (m.errors() > 0) {
          result +=
              (result.isEmpty() ? "" : "; ")
                  + m.errors()
                  + " errors ("
                  + (m.firstError() == null ? "?" : m.firstError().replace('|', '/'))
                  + ")";
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                row.scenario(),
                row.target(),
                row.clients(),
                m.operations(),
                millis(m.p50Millis()),
                millis(m.p99Millis()),
                number(m.perSecond()),
                decimal(m.cpuSeconds()),
                decimal(m.esCpuSeconds()),
                Double.isNaN(row.peakRssMiB())
                    ? "–"
                    : String.format(Locale.ROOT, "%.0f", row.peakRssMiB()),
                Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", row.ratio()),
                result));
      }
      if (!notes.isEmpty()) {
        out.append('\n');
        for (String note : notes) {
          out.append("- ").append(note).append('\n');
        }
      }
      out.append('\n');
      return out.toString();
    }
  }

  private final List<String> header = new ArrayList<>();
  private final List<Section> sections = new ArrayList<>();
  private final List<String> free = new ArrayList<>();

  void header(String line) {
    header.add(line);
  }

  Section section(String title, String intro, String ratioHeader) {
    Section section = new Section(title, intro, ratioHeader);
    sections.add(section);
    return section;
  }

  /** Markdown written after the tables (browser timings, JMH, targets). */
  void text(String markdown) {
    free.add(markdown);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Sightline benchmark\n\n");
    for (String line : header) {
      out.append("- ").append(line).append('\n');
    }
    out.append('\n');
    for (Section section : sections) {
      out.append(section.markdown());
    }
    for (String text : free) {
      out.append(text).append("\n\n");
    }
    return out.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown(), StandardCharsets.UTF_8);
  }

  static String line(Row row) {
    Measurement m = row.m();
    return String.format(
        Locale.ROOT,
        "%-45s %-22s c=%-2d n=%-5d p50=%8s p99=%8s %8s/s cpu=%s es=%s rss=%s ratio=%s %s%s",
        row.scenario(),
        row.target(),
        row.clients(),
        m.operations(),
        millis(m.p50Millis()),
        millis(m.p99Millis()),
        number(m.perSecond()),
        decimal(m.cpuSeconds()),
        decimal(m.esCpuSeconds()),
        Double.isNaN(row.peakRssMiB()) ? "–" : String.format(Locale.ROOT, "%.0f", row.peakRssMiB()),
        Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", row.ratio()),
        row.result() == null ? "" : row.result(),
        m.errors() > 0 ? " ERRORS " + m.errors() + ": " + m.firstError() : "");
  }

  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 10
            ? String.format(Locale.ROOT, "%.1f", ms)
            : String.format(Locale.ROOT, "%.2f", ms);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  static String decimal(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }
}
