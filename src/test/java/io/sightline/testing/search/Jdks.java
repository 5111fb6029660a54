package io.sightline.testing.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs installed on this machine, found without any path written into the code: the JVM running
 * the tests ({@code java.home}), {@code JAVA_HOME}, the directories beside those two (e.g. every
 * JDK under {@code /usr/lib/jvm}), CI variables {@code JAVA_HOME_<n>_*}, and the overrides {@code
 * SIGHTLINE_TEST_JDK_<n>} (a JDK of feature version n, e.g. {@code SIGHTLINE_TEST_JDK_21}) and
 * {@code SIGHTLINE_TEST_JDKS} (more JDK directories, separated by the path separator). Each JDK's
 * version comes from its {@code release} file.
 */
final class Jdks {

  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?([0-9][0-9._+a-zA-Z-]*)\"?\\s*$", Pattern.MULTILINE);

  private static final Pattern PATH_LIST =
      Pattern.compile(Pattern.quote(java.io.File.pathSeparator));
  private static final Pattern VERSION_PARTS = Pattern.compile("[._+-]");
  private static final Pattern OVERRIDE = Pattern.compile("SIGHTLINE_TEST_JDK_(\\d+)");
  private static final Pattern CI_VARIABLE = Pattern.compile("JAVA_HOME_(\\d+)(_.*)?");

  /**
   * @param home the JDK directory
   * @param feature the feature version (17, 21, 25)
   * @param overridden whether an override variable named it
   */
  record Jdk(Path home, int feature, boolean overridden) {

    Path java() {
      return home.resolve("bin").resolve("java");
    }

    @Override
    public String toString() {
      return feature + " at " + home;
    }
  }

  private final List<Jdk> jdks;

  private Jdks(List<Jdk> jdks) {
    this.jdks = List.copyOf(jdks);
  }

  /** Looks at this machine. */
  static Jdks discover() {
    return discover(System.getenv(), Path.of(System.getProperty("java.home")));
  }

  static Jdks discover(Map<String, String> env, Path javaHome) {
    Map<Path, Jdk> found = new LinkedHashMap<>();
    // Overrides first: they win over whatever else has the same feature version.
    env.forEach(
        (name, value) -> {
          Matcher m = OVERRIDE.matcher(name);
          if (m.matches() && !value.isBlank()) {
            Path home = Path.of(value.trim());
            Jdk jdk =
                read(home)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                name + "=" + value + " is not a JDK (no bin/java and release)"));
            if (jdk.feature() != Integer.parseInt(m.group(1))) {
              throw new IllegalStateException(
                  name + "=" + value + " is Java " + jdk.feature() + ", not " + m.group(1));
            }
            found.putIfAbsent(real(home), new Jdk(jdk.home(), jdk.feature(), true));
          }
        });
    String list = env.getOrDefault("SIGHTLINE_TEST_JDKS", "");
    for (String entry : PATH_LIST.split(list, -1)) {
      if (!entry.isBlank()) {
        Path home = Path.of(entry.trim());
        Jdk jdk =
            read(home)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "SIGHTLINE_TEST_JDKS names " + entry + ", which is not a JDK"));
        found.putIfAbsent(real(home), new Jdk(jdk.home(), jdk.feature(), true));
      }
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(javaHome);
    env.forEach(
        (name, value) -> {
          if ((name.equals("JAVA_HOME") || CI_VARIABLE.matcher(name).matches())
              && !value.isBlank()) {
            candidates.add(Path.of(value.trim()));
          }
        });
    for (Path candidate : List.copyOf(candidates)) {
      Path parent = real(candidate).getParent();
      if (parent != null && Files.isDirectory(parent)) {
        try (Stream<Path> siblings = Files.list(parent)) {
          siblings.sorted().forEach(candidates::add);
        } catch (IOException e) {
          // An unreadable directory holds no JDK we could use.
        }
      }
    }
    for (Path candidate : candidates) {
      read(candidate).ifPresent(jdk -> found.putIfAbsent(real(jdk.home()), jdk));
    }
    return new Jdks(new ArrayList<>(found.values()));
  }

  /** Every JDK found. */
  List<Jdk> all() {
    return jdks;
  }

  /**
   * A JDK that runs the server: an override for a fitting version first, then the JVM running the
   * tests if it fits, then the oldest that fits (a server is most at home on the Java of its time:
   * ES 7 predates Java 18's Security Manager change).
   *
   * @throws IllegalStateException listing what was found and how to point at a JDK
   */
  Jdk forServer(SearchServerVersion server, Path runningJavaHome) {
    List<Jdk> fitting =
        jdks.stream()
            .filter(j -> j.feature() >= server.minJava() && j.feature() <= server.maxJava())
            .toList();
    Optional<Jdk> choice =
        fitting.stream().filter(Jdk::overridden).max(Comparator.comparingInt(Jdk::feature));
    if (choice.isEmpty()) {
      Path running = real(runningJavaHome);
      choice = fitting.stream().filter(j -> real(j.home()).equals(running)).findFirst();
    }
    if (choice.isEmpty()) {
      choice = fitting.stream().min(Comparator.comparingInt(Jdk::feature));
    }
    return choice.orElseThrow(
        () ->
            new IllegalStateException(
                "No JDK here runs "
                    + server.id()
                    + ": it needs "
                    + server.javaRange()
                    + ". Found: "
                    + (jdks.isEmpty() ? "none" : jdks)
                    + ". Install one, or point SIGHTLINE_TEST_JDK_<version> (e.g."
                    + " SIGHTLINE_TEST_JDK_"
                    + server.minJava()
                    + "=/path/to/jdk) or SIGHTLINE_TEST_JDKS=/a/jdk"
                    + java.io.File.pathSeparator
                    + "/b/jdk at it."));
  }

  /** The JDK at this directory, if it is one (bin/java and a release file naming a version). */
  static Optional<Jdk> read(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
      return Optional.empty();
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      if (!m.find()) {
        return Optional.empty();
      }
      return Optional.of(new Jdk(real(home), feature(m.group(1)), false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code 17.0.15} → 17, {@code 1.8.0_402} → 8, {@code 25} → 25. */
  static int feature(String version) {
    String[] parts = VERSION_PARTS.split(version, -1);
    int first = Integer.parseInt(parts[0]);
    return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}
