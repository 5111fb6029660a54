package io.sightline.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.PackagedJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's answers that need no server: usage, bad files, an unreachable server. */
class LoadCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    LoadCommand command =
        new LoadCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    return command.execute(List.of(args));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("Usage: java -jar sightline.jar load [options]");
    assertThat(out()).contains("--generate", "--shift-to-now", "ES_SERVER_URLS", "Exit status");
    assertThat(err()).isEmpty();
  }

  @Test
  void wrongOptionsAreUsageErrors() {
    assertThat(run("--spans", "5")).isEqualTo(LoadCommand.USAGE);
    assertThat(err())
        .isEqualTo(
            "sightline load: --spans: only with --generate\n"
                + "Run 'java -jar sightline.jar load --help' for the options.\n");
  }

  @Test
  void nothingToLoadIsAUsageError() {
    assertThat(run()).isEqualTo(LoadCommand.USAGE);
    assertThat(err())
        .startsWith("sightline load: nothing to load: give --generate, or trace files\n");
  }

  @Test
  void aBadFileIsNamedWithThePositionBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("a-good.json"), "{\"data\":[]}");
    Path bad =
        Files.writeString(
            dir.resolve("b-bad.json"),
            "{\"data\":[{\"traceID\":\"1\",\n \"spans\":[{\"traceID\":\"1\",\"spanID\":\"zz\"}]}]}");

    // The server named does not exist: the file check comes first, so it is never asked.
    int status = run("--es", "http://127.0.0.1:1", good.toString(), dir.toString());

    assertThat(status).isEqualTo(LoadCommand.BAD_INPUT);
    assertThat(err())
        .isEqualTo(
            "error: "
                + bad
                + ": line 2, column 35: spanID \"zz\" is not a hex span ID\n"
                + "Nothing was written.\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");
    assertThat(run(missing.toString())).isEqualTo(LoadCommand.BAD_INPUT);
    assertThat(err()).isEqualTo("error: " + missing + ": no such file\nNothing was written.\n");
  }

  @Test
  void anUnreachableServerIsOneLine() {
    int port = PackagedJar.freePort();

    int status = run("--generate", "--spans", "10", "--es", "http://127.0.0.1:" + port);

    assertThat(status).isEqualTo(LoadCommand.UNREACHABLE);
    assertThat(err().lines().toList())
        .hasSize(2)
        .first()
        .asString()
        .startsWith("error: cannot use the trace storage: ")
        .contains("cannot connect to http://127.0.0.1:" + port);
    assertThat(err()).endsWith("Nothing was written.\n").doesNotContain("\tat ");
  }

  @Test
  void anInvalidSettingNamesTheVariable() {
    assertThat(run("--generate", "--es", "localhost:9200")).isEqualTo(LoadCommand.USAGE);
    assertThat(err())
        .isEqualTo(
            "error: invalid setting: ES_SERVER_URLS=localhost:9200 is not a full URL such as"
                + " http://localhost:9200\n");
  }

  @Test
  void debugAddsTheStackTrace() {
    int port = PackagedJar.freePort();
    run("--generate", "--debug", "--es", "http://127.0.0.1:" + port);
    assertThat(err()).contains("\tat ");
  }

  @Test
  void summariesReadWell() {
    assertThat(LoadReport.days(List.of(LocalDate.parse("2024-05-01")))).isEqualTo("2024-05-01");
    assertThat(
            LoadReport.days(
                List.of(
                    LocalDate.parse("2024-05-01"),
                    LocalDate.parse("2024-05-02"),
                    LocalDate.parse("2024-05-03"))))
        .isEqualTo("2024-05-01 to 2024-05-03");
    assertThat(
            LoadReport.days(List.of(LocalDate.parse("2019-11-20"), LocalDate.parse("2024-05-02"))))
        .isEqualTo("2019-11-20, 2024-05-02");
    assertThat(LoadReport.count(1, "trace")).isEqualTo("1 trace");
    assertThat(LoadReport.count(1_234, "span")).isEqualTo("1,234 spans");
    assertThat(LoadReport.window(Duration.ofDays(3))).isEqualTo("3 days");
    assertThat(LoadReport.window(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(LoadReport.window(Duration.ofHours(6))).isEqualTo("6 h 00 min");
  }
}
