package io.sightline.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The command line of the bench's single-purpose drivers ({@code bench/run dependencies|ingest}).
 */
final class BenchMain {

  private BenchMain() {}

  /** {@code --name value} pairs in order; anything else prints {@code usage} and exits with 2. */
  static Map<String, String> options(String[] args, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0 || options.keySet().stream().anyMatch(k -> !k.startsWith("--"))) {
      System.err.println("usage: " + usage);
      System.exit(2);
    }
    return options;
  }

  /**
   * Runs a driver with its progress on stderr and prints only its report on stdout, then exits (the
   * drivers leave non-daemon client threads behind).
   */
  static void report(Callable<String> driver) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    String report = driver.call();
    stdout.println(report);
    stdout.flush();
    System.exit(0);
  }
}
