package io.sightline.storage.elasticsearch.document;

import java.util.Objects;
import java.util.Set;

/**
 * Which tags the writer stores as object fields ({@code tag.<key>}, {@code process.tag.<key>})
 * instead of nested key-values ({@code ES_TAGS_AS_FIELDS_ALL}, {@code ES_TAGS_AS_FIELDS_INCLUDE},
 * {@code ES_TAGS_AS_FIELDS_DOT_REPLACEMENT}). Binary tags always stay nested.
 *
 * @param all every (non-binary) tag
 * @param include these keys (when not {@code all})
 * @param dotReplacement what {@code .} in a key becomes in the field name
 */
public record TagsAsFields(boolean all, Set<String> include, String dotReplacement) {

  public TagsAsFields {
    include = Set.copyOf(include);
    Objects.requireNonNull(dotReplacement, "dotReplacement");
  }

  /** Nothing as fields, Jaeger's default dot replacement {@code @}. */
  public static TagsAsFields none() {
    return new TagsAsFields(false, Set.of(), "@");
  }

  boolean asField(String key) {
    return all || include.contains(key);
  }

  /** The field name for a key: dots replaced. */
  public String fieldName(String key) {
    return key.replace(".", dotReplacement);
  }
}
