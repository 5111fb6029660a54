package io.sightline.web.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A "Last …" choice of the search form, in Jaeger UI's spelling ({@code 5m}, {@code 1h}, {@code
 * 2d}, {@code 2w}); {@code custom} means the URL's {@code start}/{@code end} (or the form's from/to
 * fields) give the window.
 *
 * @param value the URL value ({@code lookback=1h})
 * @param label what the form shows
 * @param duration the window's length; {@code null} for {@code custom}
 */
record Lookback(String value, String label, Duration duration) {

  private static final Pattern SPELLING = Pattern.compile("([1-9][0-9]{0,4})([mhdw])");

  static final String CUSTOM_VALUE = "custom";
  static final Lookback CUSTOM = new Lookback(CUSTOM_VALUE, "Custom time range", null);

  /** Jaeger UI's default. */
  static final Lookback DEFAULT = parse("1h");

  /** Jaeger UI's choices; it offers those up to {@code search.maxLookback}, by default two days. */
  static final List<String> PRESETS =
      List.of(
          "5m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "24h", "2d", "3d", "5d", "7d", "2w",
          "3w", "4w");

  public boolean custom() {
    return duration == null;
  }

  /**
   * Reads a lookback value; {@code null} when the text is none of Jaeger UI's spellings (a number
   * and one of m, h, d, w) nor {@code custom}.
   */
  static Lookback parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals(CUSTOM_VALUE)) {
      return CUSTOM;
    }
    Matcher m = SPELLING.matcher(t);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> new Lookback(t, "Last " + plural(n, "minute"), Duration.ofMinutes(n));
      case "h" -> new Lookback(t, "Last " + plural(n, "hour"), Duration.ofHours(n));
      case "d" -> new Lookback(t, "Last " + plural(n, "day"), Duration.ofDays(n));
      default -> new Lookback(t, "Last " + plural(n, "week"), Duration.ofDays(7 * n));
    };
  }

  /**
   * The form's choices: the presets no longer than {@code max}, the given one if it is not among
   * them (an old link's {@code lookback=7d}, say), and the custom range. {@code last}, when not
   * {@code null}, is the longest choice ({@code search.maxLookback}, with its label): as Jaeger UI,
   * it replaces a preset of the same length or follows the presets.
   */
  static List<Lookback> choices(Lookback selected, Duration max, Lookback last) {
    List<Lookback> presets = new ArrayList<>();
    for (String preset : PRESETS) {
      Lookback lookback = parse(preset);
      if (lookback.duration().compareTo(max) <= 0) {
        presets.add(lookback);
      }
    }
    if (last != null) {
      if (!presets.isEmpty()
          && presets.get(presets.size() - 1).duration().equals(last.duration())) {
        presets.set(presets.size() - 1, last);
      } else if (last.duration().compareTo(max) <= 0) {
        presets.add(last);
      }
    }
    List<Lookback> choices = new ArrayList<>();
    boolean seen = false;
    for (Lookback lookback : presets) {
      if (selected != null
          && !selected.custom()
          && !seen
          && selected.duration().compareTo(lookback.duration()) < 0) {
        choices.add(selected);
        seen = true;
      }
      if (selected != null && lookback.value().equals(selected.value())) {
        seen = true;
      }
      choices.add(lookback);
    }
    if (selected != null && !selected.custom() && !seen) {
      choices.add(selected);
    }
    choices.add(CUSTOM);
    return choices;
  }

  /** A window's length in words ({@code 3 days}, {@code 5 hours 30 minutes}). */
  static String describe(Duration window) {
    long minutes = (window.toSeconds() + 59) / 60;
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long rest = minutes % 60;
    List<String> parts = new ArrayList<>();
    if (days > 0) {
      parts.add(days + " " + (days == 1 ? "day" : "days"));
    }
    if (hours > 0) {
      parts.add(hours + " " + (hours == 1 ? "hour" : "hours"));
    }
    if (rest > 0 || parts.isEmpty()) {
      parts.add(rest + " " + (rest == 1 ? "minute" : "minutes"));
    }
    return String.join(" ", parts);
  }

  private static String plural(long n, String unit) {
    return n == 1 ? unit : n + " " + unit + "s";
  }
}
