package io.sightline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's Dockerfile, parsed the way BuildKit reads it: comments and blank lines dropped,
 * backslash continuations joined, instructions grouped into stages. Enough of the format for the
 * tests to check the file against the jar's real layers and to run its ENTRYPOINT.
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

  static final Path PATH = Path.of("Dockerfile");

  /** One instruction: keyword (upper case), its flags ({@code --from=build}) and the rest. */
  record Instruction(String keyword, Map<String, String> flags, String arguments) {

    /** The arguments of an exec-form instruction ({@code ["a", "b"]}). */
    List<String> execForm() {
      if (!arguments.startsWith("[")) {
        throw new AssertionError(keyword + " is not in exec (JSON) form: " + arguments);
      }
      return List.of(JsonMapper.builder().build().readValue(arguments, String[].class));
    }

    /** Whitespace-separated words (for EXPOSE, COPY, USER). */
    List<String> words() {
      return List.of(arguments.trim().split("\\s+"));
    }
  }

  /** A build stage: its base image (ARG defaults substituted), its name, its instructions. */
  record Stage(String image, String name, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The last instruction of a kind, the one that takes effect (USER, WORKDIR, ENTRYPOINT). */
    Optional<Instruction> last(String keyword) {
      List<Instruction> matches = all(keyword);
      return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(matches.size() - 1));
    }
  }

  private static final Pattern FLAG = Pattern.compile("--([a-z-]+)=(\\S+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

  static Dockerfile read() {
    try {
      return parse(Files.readString(PATH, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Dockerfile parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
        continue; // comments may sit inside a continued instruction, too
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      if (!current.toString().isBlank()) {
        logical.add(current.toString().strip());
      }
      current.setLength(0);
    }

    Map<String, String> globalArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    List<Instruction> instructions = null;
    for (String line : logical) {
      String[] split = line.split("\\s+", 2);
      String keyword = split[0].toUpperCase(Locale.ROOT);
      String rest = split.length > 1 ? split[1] : "";
      Map<String, String> flags = new LinkedHashMap<>();
      Matcher flag = FLAG.matcher(rest);
      while (flag.lookingAt()) {
        flags.put(flag.group(1), flag.group(2));
        rest = rest.substring(flag.end()).stripLeading();
        flag = FLAG.matcher(rest);
      }
      if (keyword.equals("FROM")) {
        String[] words = rest.split("\\s+", -1);
        String image = substitute(words[0], globalArgs);
        String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
        instructions = new ArrayList<>();
        stages.add(new Stage(image, name, instructions));
      } else if (instructions == null) {
        if (!keyword.equals("ARG")) {
          throw new AssertionError("only ARG may precede the first FROM: " + line);
        }
        String[] arg = rest.split("=", 2);
        globalArgs.put(arg[0], arg.length > 1 ? arg[1] : "");
      } else {
        instructions.add(new Instruction(keyword, Map.copyOf(flags), rest));
      }
    }
    return new Dockerfile(Map.copyOf(globalArgs), List.copyOf(stages));
  }

  private static String substitute(String text, Map<String, String> args) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = args.get(matcher.group(1));
      if (value == null) {
        throw new AssertionError("undefined build argument in " + text);
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  Stage stage(String name) {
    return stages.stream()
        .filter(s -> name.equals(s.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + name));
  }

  /** The image that runs: the last stage. */
  Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /**
   * The layer extraction command of a stage's RUN instructions, as words: {@code java
   * -Djarmode=tools -jar <jar> extract --layers --launcher --destination <dir>}.
   */
  List<String> extractCommand(Stage stage) {
    for (Instruction run : stage.all("RUN")) {
      for (String command : run.arguments().split("&&", -1)) {
        List<String> words = List.of(command.trim().split("\\s+"));
        if (words.contains("-Djarmode=tools") && words.contains("extract")) {
          return words;
        }
      }
    }
    throw new AssertionError("no `java -Djarmode=tools … extract` in stage " + stage.name());
  }

  /** The value after {@code option} in a list of words. */
  static String optionValue(List<String> words, String option) {
    int index = words.indexOf(option);
    if (index < 0 || index + 1 >= words.size()) {
      throw new AssertionError(option + " missing from " + words);
    }
    return words.get(index + 1);
  }
}
