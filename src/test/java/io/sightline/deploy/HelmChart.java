package io.sightline.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart in {@code helm/sightline}, driven through helm-java (a real Helm, linked in). */
final class HelmChart {

  /** Tests run with the project directory as the working directory (Maven's basedir). */
  static final Path DIR = Path.of("helm", "sightline");

  static final String RELEASE = "obs";

  private HelmChart() {}

  /** The example and CI values files: every one must lint and render. */
  static List<Path> valuesFiles() {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("examples", "ci")) {
      try (Stream<Path> listing = Files.list(DIR.resolve(folder))) {
        listing.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** {@code helm template obs helm/sightline [-f file]… [--set k=v]…}, parsed. */
  static Manifests template(List<Path> valuesFiles, Map<String, Object> sets) {
    return Manifests.parse(templateText(RELEASE, valuesFiles, sets));
  }

  static Manifests template(Path valuesFile) {
    return template(List.of(valuesFile), Map.of());
  }

  static Manifests template(Map<String, Object> sets) {
    return template(List.of(), sets);
  }

  /** The raw output; throws IllegalStateException with Helm's message when rendering fails. */
  static String templateText(String release, List<Path> valuesFiles, Map<String, Object> sets) {
    TemplateCommand command = new Helm(DIR).template().withName(release).withNamespace("tracing");
    for (Path file : valuesFiles) {
      command = command.withValuesFile(file);
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }

  /**
   * The release notes (NOTES.txt), from {@code helm install --dry-run=client}, which renders them
   * where {@code helm template} does not.
   */
  static String notes(List<Path> valuesFiles) {
    InstallCommand install =
        new Helm(DIR).install().withName(RELEASE).withNamespace("tracing").clientOnly().dryRun();
    for (Path file : valuesFiles) {
      install = install.withValuesFile(file);
    }
    String output = install.call().getOutput();
    int notes = output.indexOf("NOTES:");
    if (notes < 0) {
      throw new AssertionError("no NOTES in\n" + output);
    }
    return output.substring(notes);
  }

  /** {@code helm lint --strict} on the chart with its own values. */
  static LintResult lint() {
    return new Helm(DIR).lint().strict().call();
  }

  /**
   * {@code helm lint --strict -f values}: helm-java's lint takes no values file, so the chart is
   * copied to {@code work} with {@code values.yaml} replaced by the defaults coalesced with the
   * file the way Helm does it (maps merged key by key, the file winning; null deletes a key).
   */
  static LintResult lint(Path valuesFile, Path work) {
    Path copy = work.resolve("sightline");
    try (Stream<Path> tree = Files.walk(DIR)) {
      for (Path source : (Iterable<Path>) tree::iterator) {
        Path target = copy.resolve(DIR.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
      Map<String, Object> merged =
          coalesce(readYaml(DIR.resolve("values.yaml")), readYaml(valuesFile));
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      Files.writeString(
          copy.resolve("values.yaml"), new Yaml(options).dump(merged), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Helm(copy).lint().strict().call();
  }

  static Map<String, Object> readYaml(Path file) {
    try {
      Object loaded =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      return loaded == null ? new LinkedHashMap<>() : asMap(loaded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> coalesce(Map<String, Object> defaults, Map<String, Object> user) {
    Map<String, Object> result = new LinkedHashMap<>(defaults);
    user.forEach(
        (key, value) -> {
          Object base = result.get(key);
          if (value == null) {
            result.remove(key);
          } else if (base instanceof Map<?, ?> && value instanceof Map<?, ?>) {
            result.put(key, coalesce(asMap(base), asMap(value)));
          } else {
            result.put(key, value);
          }
        });
    return result;
  }

  @SuppressWarnings("unchecked") // YAML maps always have string keys here
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
