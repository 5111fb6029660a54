package io.sightline.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on standard error (the table goes to standard output). */
final class Console {

  private Console() {}

  static void info(String format, Object... args) {
    System.err.println(
        "[bench "
            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + String.format(Locale.ROOT, format, args));
  }
}
