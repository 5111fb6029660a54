package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexTemplates;
import io.sightline.storage.elasticsearch.index.RolloverFrequency;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Index names, rotation and templates (bound from Jaeger's {@code ES_*} variables).
 *
 * @param prefix {@code ES_INDEX_PREFIX}: indices are {@code <prefix>-jaeger-span-…}
 * @param dateSeparator {@code ES_INDEX_DATE_SEPARATOR}: {@code -} (default), {@code .} or empty
 * @param rolloverFrequencySpans {@code ES_INDEX_ROLLOVER_FREQUENCY_SPANS}: {@code day} or {@code
 *     hour}
 * @param rolloverFrequencyServices {@code ES_INDEX_ROLLOVER_FREQUENCY_SERVICES}: {@code day} or
 *     {@code hour}
 * @param useAliases {@code ES_USE_ALIASES}: read {@code …-read} and write {@code …-write} aliases
 *     (rollover/ILM deployments)
 * @param useIlm {@code ES_USE_ILM}: templates carry the read alias and ILM (ISM) rollover settings
 * @param ilmPolicyName the ILM policy named in the templates (Jaeger's {@code jaeger-ilm-policy})
 * @param remoteReadClusters {@code ES_REMOTE_READ_CLUSTERS}: cross-cluster search clusters
 * @param createTemplates {@code ES_CREATE_INDEX_TEMPLATES}: install templates before writing
 * @param shards {@code ES_NUM_SHARDS}: primary shards of new indices
 * @param replicas {@code ES_NUM_REPLICAS}: replicas of new indices
 * @param prioritySpanTemplate {@code ES_PRIOIRITY_SPAN_TEMPLATE} (Jaeger's spelling): composable
 *     template priority (Elasticsearch 8+)
 * @param priorityServiceTemplate {@code ES_PRIOIRITY_SERVICE_TEMPLATE}
 * @param priorityDependenciesTemplate {@code ES_PRIOIRITY_DEPENDENCIES_TEMPLATE}
 */
public record IndexProperties(
    @DefaultValue("") String prefix,
    @DefaultValue("-") String dateSeparator,
    @DefaultValue("day") String rolloverFrequencySpans,
    @DefaultValue("day") String rolloverFrequencyServices,
    @DefaultValue("false") boolean useAliases,
    @DefaultValue("false") boolean useIlm,
    @DefaultValue("jaeger-ilm-policy") String ilmPolicyName,
    @DefaultValue("") List<String> remoteReadClusters,
    @DefaultValue("true") boolean createTemplates,
    @DefaultValue("5") int shards,
    @DefaultValue("1") int replicas,
    @DefaultValue("0") int prioritySpanTemplate,
    @DefaultValue("0") int priorityServiceTemplate,
    @DefaultValue("0") int priorityDependenciesTemplate) {

  public IndexProperties {
    prefix = SettingValues.trimmed(prefix);
    dateSeparator = SettingValues.orEmpty(dateSeparator);
    if (!dateSeparator.isEmpty() && !dateSeparator.equals("-") && !dateSeparator.equals(".")) {
      // Anything else cannot be told apart from index-name characters in wildcards.
      if (dateSeparator.chars().anyMatch(c -> c == ',' || c == '*' || c == '/' || c == ' ')) {
        throw new IllegalArgumentException(
            "ES_INDEX_DATE_SEPARATOR must not contain , * / or a space: '" + dateSeparator + "'");
      }
    }
    // Validated at startup, naming the variable.
    checkRolloverFrequency(rolloverFrequencySpans, "ES_INDEX_ROLLOVER_FREQUENCY_SPANS");
    checkRolloverFrequency(rolloverFrequencyServices, "ES_INDEX_ROLLOVER_FREQUENCY_SERVICES");
    ilmPolicyName = SettingValues.orDefault(ilmPolicyName, "jaeger-ilm-policy");
    remoteReadClusters = SettingValues.nonBlank(remoteReadClusters);
    SettingValues.requirePositive(shards, "ES_NUM_SHARDS");
    SettingValues.requireNotNegative(replicas, "ES_NUM_REPLICAS");
  }

  private static void checkRolloverFrequency(String text, String variable) {
    try {
      RolloverFrequency.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + ": " + e.getMessage());
    }
  }

  /** Jaeger's defaults. */
  public static IndexProperties defaults() {
    return new IndexProperties(
        "", "-", "day", "day", false, false, "jaeger-ilm-policy", List.of(), true, 5, 1, 0, 0, 0);
  }

  /** A copy with another prefix (tests: one prefix per test). */
  public IndexProperties withPrefix(String newPrefix) {
    return copy(newPrefix, rotationText(), shards, replicas);
  }

  /** A copy with other shard and replica counts (tests: 1 and 0). */
  public IndexProperties withShards(int newShards, int newReplicas) {
    return copy(prefix, rotationText(), newShards, newReplicas);
  }

  /** A copy with other rollover frequencies and date separator. */
  public IndexProperties withRotation(String spans, String services, String separator) {
    return copy(prefix, new RotationText(separator, spans, services), shards, replicas);
  }

  /** The rotation components as set (text, unparsed). */
  private record RotationText(String separator, String spans, String services) {}

  private RotationText rotationText() {
    return new RotationText(dateSeparator, rolloverFrequencySpans, rolloverFrequencyServices);
  }

  /** A copy with these components changed. */
  private IndexProperties copy(
      String newPrefix, RotationText rotation, int newShards, int newReplicas) {
    return new IndexProperties(
        newPrefix,
        rotation.separator(),
        rotation.spans(),
        rotation.services(),
        useAliases,
        useIlm,
        ilmPolicyName,
        remoteReadClusters,
        createTemplates,
        newShards,
        newReplicas,
        prioritySpanTemplate,
        priorityServiceTemplate,
        priorityDependenciesTemplate);
  }

  /** The index planning these settings describe. */
  public IndexRotation rotation() {
    return new IndexRotation(
        prefix,
        dateSeparator,
        RolloverFrequency.parse(rolloverFrequencySpans),
        RolloverFrequency.parse(rolloverFrequencyServices),
        useAliases,
        remoteReadClusters);
  }

  /** The template settings. */
  public IndexTemplates.Settings templateSettings() {
    return new IndexTemplates.Settings(
        shards,
        replicas,
        prioritySpanTemplate,
        priorityServiceTemplate,
        priorityDependenciesTemplate,
        useIlm,
        ilmPolicyName);
  }
}
