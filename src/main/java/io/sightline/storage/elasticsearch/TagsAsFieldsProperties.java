package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.document.TagsAsFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tags stored as object fields ({@code tag.<key>}) instead of nested key-values.
 *
 * @param all {@code ES_TAGS_AS_FIELDS_ALL}: every non-binary tag
 * @param include {@code ES_TAGS_AS_FIELDS_INCLUDE}: comma-separated keys
 * @param configFile {@code ES_TAGS_AS_FIELDS_CONFIG_FILE}: a file of keys, one per line (merged
 *     with {@code include})
 * @param dotReplacement {@code ES_TAGS_AS_FIELDS_DOT_REPLACEMENT}: what {@code .} in a key becomes
 *     in the field name ({@code @}); searches and reads use it too
 */
public record TagsAsFieldsProperties(
    @DefaultValue("false") boolean all,
    @DefaultValue("") List<String> include,
    @DefaultValue("") String configFile,
    @DefaultValue("@") String dotReplacement) {

  public TagsAsFieldsProperties {
    include = SettingValues.nonBlank(include);
    configFile = SettingValues.trimmed(configFile);
    dotReplacement = SettingValues.orEmpty(dotReplacement);
  }

  public static TagsAsFieldsProperties defaults() {
    return new TagsAsFieldsProperties(false, List.of(), "", "@");
  }

  /** The writer's selection: {@code include} plus the keys of the config file. */
  public TagsAsFields selection() {
    Set<String> keys = new LinkedHashSet<>(include);
    if (!configFile.isEmpty()) {
      try {
        for (String line : Files.readAllLines(Path.of(configFile))) {
          if (!line.isBlank()) {
            keys.add(line.trim());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "ES_TAGS_AS_FIELDS_CONFIG_FILE " + configFile + " cannot be read", e);
      }
    }
    return new TagsAsFields(all, keys, dotReplacement);
  }
}
