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

  /** The choices Jaeger UI offers up to its default maximum lookback of two days. */
  static final List<String> PRESETS =
      List.of("5m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "24h", "2d");

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
   * them (an old link's {@code lookback=7d}, say), and the custom range.
   */
  static List<Lookback> choices(Lookback selected, Duration max) {
    List<Lookback> choices = new ArrayList<>();
    boolean seen = false;
    for (String preset : PRESETS) {
      Lookback lookback = parse(preset);
      if (lookback.duration().compareTo(max) > 0) {
        continue;
      }
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

  private static String plural(long n, String unit) {
    return n == 1 ? unit : n + " " + unit + "s";
  }
}
