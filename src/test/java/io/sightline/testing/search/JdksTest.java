package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {

  @TempDir Path dir;
  private Path jdk17;
  private Path jdk21;
  private Path jdk25;

  private static Path fakeJdk(Path home, String version) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin").resolve("java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home.toRealPath();
  }

  @BeforeEach
  void install() throws IOException {
    Path jvm = dir.resolve("jvm");
    jdk17 = fakeJdk(jvm.resolve("java-17"), "17.0.15");
    jdk21 = fakeJdk(jvm.resolve("jdk-21"), "21.0.2");
    jdk25 = fakeJdk(jvm.resolve("temurin-25"), "25.0.3");
    Files.createDirectories(jvm.resolve("openjdk-17")); // no release file: not a JDK
  }

  @Test
  void findsTheRunningJdkAndItsSiblings() {
    Jdks jdks = Jdks.discover(Map.of(), jdk17);
    assertThat(jdks.all())
        .extracting(Jdks.Jdk::home, Jdks.Jdk::feature)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(jdk17, 17),
            org.assertj.core.groups.Tuple.tuple(jdk21, 21),
            org.assertj.core.groups.Tuple.tuple(jdk25, 25));
  }

  @Test
  void choosesAJdkEachServerRunsOn() {
    Jdks jdks = Jdks.discover(Map.of(), jdk17);
    assertThat(feature(jdks, "es-7.17.0")).isEqualTo(17);
    assertThat(feature(jdks, "os-1.3.20")).isEqualTo(17);
    assertThat(feature(jdks, "os-2.19.1")).isEqualTo(17);
    assertThat(feature(jdks, "es-8.19.0")).isEqualTo(17);
    assertThat(feature(jdks, "es-9.0.0")).isEqualTo(21);
    assertThat(feature(jdks, "es-9.1.0")).isEqualTo(21);
    assertThat(feature(jdks, "os-3.0.0")).isEqualTo(21);
  }

  @Test
  void prefersTheRunningJdkWhenItFits() {
    Jdks jdks = Jdks.discover(Map.of(), jdk25);
    assertThat(jdks.forServer(SearchServerVersion.parse("es-8.19.0"), jdk25).feature())
        .isEqualTo(25);
    assertThat(jdks.forServer(SearchServerVersion.parse("es-7.17.0"), jdk25).feature())
        .isEqualTo(17);
  }

  @Test
  void onlyNewerJdksForNewServers() throws IOException {
    Path jvm = dir.resolve("other-jvm");
    Path only17 = fakeJdk(jvm.resolve("a"), "17");
    Path only25 = fakeJdk(jvm.resolve("b"), "25");
    Jdks jdks = Jdks.discover(Map.of(), only17);
    assertThat(jdks.forServer(SearchServerVersion.parse("es-9.1.0"), only17).home())
        .isEqualTo(only25);
    assertThat(jdks.forServer(SearchServerVersion.parse("os-2.19.1"), only17).home())
        .isEqualTo(only17);
  }

  @Test
  void overridesWin() throws IOException {
    Path other21 = fakeJdk(dir.resolve("elsewhere").resolve("zulu-21"), "21.0.5");
    Jdks jdks = Jdks.discover(Map.of("SIGHTLINE_TEST_JDK_21", other21.toString()), jdk17);
    Jdks.Jdk chosen = jdks.forServer(SearchServerVersion.parse("es-9.1.0"), jdk17);
    assertThat(chosen.home()).isEqualTo(other21);

    Path listed = fakeJdk(dir.resolve("more").resolve("jdk-22"), "22");
    assertThat(
            Jdks.discover(Map.of("SIGHTLINE_TEST_JDKS", listed.toString()), jdk17)
                .forServer(SearchServerVersion.parse("os-3.0.0"), jdk17)
                .home())
        .isEqualTo(listed);
  }

  @Test
  void javaHomeAndCiVariablesAreLookedAt() throws IOException {
    Path ci = fakeJdk(dir.resolve("hostedtoolcache").resolve("21"), "21.0.1");
    Jdks jdks = Jdks.discover(Map.of("JAVA_HOME_21_X64", ci.toString()), jdk17);
    assertThat(jdks.all()).extracting(Jdks.Jdk::home).contains(ci);
  }

  @Test
  void aWrongOverrideIsAnError() {
    assertThatThrownBy(
            () -> Jdks.discover(Map.of("SIGHTLINE_TEST_JDK_21", jdk17.toString()), jdk17))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is Java 17, not 21");
  }

  @Test
  void noSuitableJdkSaysWhatIsNeededAndHowToPointAtOne() throws IOException {
    Path lonely = fakeJdk(dir.resolve("alone").resolve("jdk"), "17.0.1");
    Jdks jdks = Jdks.discover(Map.of(), lonely);
    assertThatThrownBy(() -> jdks.forServer(SearchServerVersion.parse("es-9.1.0"), lonely))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("es-9.1.0")
        .hasMessageContaining("Java 21 or later")
        .hasMessageContaining("17 at " + lonely)
        .hasMessageContaining("SIGHTLINE_TEST_JDK_21");
  }

  @Test
  void versionStrings() {
    assertThat(Jdks.feature("17.0.15")).isEqualTo(17);
    assertThat(Jdks.feature("25")).isEqualTo(25);
    assertThat(Jdks.feature("1.8.0_402")).isEqualTo(8);
    assertThat(Jdks.feature("21-ea")).isEqualTo(21);
  }

  @Test
  void thisMachineHasAJdkForTheDefaultServers() {
    Jdks jdks = Jdks.discover();
    Path running = Path.of(System.getProperty("java.home"));
    assertThat(jdks.forServer(SearchServerVersion.parse("es-8.19.0"), running).feature())
        .isGreaterThanOrEqualTo(17);
    assertThat(jdks.forServer(SearchServerVersion.parse("os-2.19.1"), running).feature())
        .isBetween(11, 23);
  }

  private static int feature(Jdks jdks, String server) {
    return jdks.forServer(SearchServerVersion.parse(server), Path.of("/nonexistent")).feature();
  }
}
