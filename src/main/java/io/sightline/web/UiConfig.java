package io.sightline.web;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jaeger UI's JSON configuration file ({@code QUERY_UI_CONFIG}), parsed strictly: a malformed file,
 * an unknown field or a value of the wrong type is refused with a message naming the field ({@code
 * menu[1].url}), so a deployment finds out at start-up, not by a missing link.
 *
 * @param menu extra links of the top navigation, in order
 * @param linkPatterns links shown beside matching tags, process tags, log fields or traces
 * @param dagMaxNumServices {@code dependencies.dagMaxNumServices}, or {@code null}
 * @param maxLookback {@code search.maxLookback}, or {@code null}
 * @param maxLimit {@code search.maxLimit}, or {@code null}
 */
public record UiConfig(
    List<MenuItem> menu,
    List<LinkPattern> linkPatterns,
    Integer dagMaxNumServices,
    Lookback maxLookback,
    Integer maxLimit) {

  /** No file: nothing added. */
  public static final UiConfig NONE = new UiConfig(List.of(), List.of(), null, null, null);

  /**
   * A menu entry: a link ({@code url}), or a group of links ({@code items}).
   *
   * @param label what it says
   * @param url the link, or {@code null} for a group
   * @param items a group's links (empty for a link)
   */
  public record MenuItem(String label, String url, List<MenuItem> items) {}

  /**
   * Jaeger UI's link pattern.
   *
   * @param types what it applies to: {@code tags}, {@code process}, {@code logs}, {@code traces}
   *     (Jaeger UI's newer names {@code attributes}, {@code resource} and {@code events} read as
   *     these)
   * @param keys the keys of the tags or log fields it applies to; empty: every key (and for {@code
   *     traces})
   * @param values the values it applies to; empty: every value
   * @param url the URL template
   * @param text the link's text (also a template), or {@code null}: the URL
   */
  public record LinkPattern(
      Set<String> types,
      List<String> keys,
      List<String> values,
      LinkTemplate url,
      LinkTemplate text) {

    /** Whether it applies to this item ({@code type} one of tags, process, logs). */
    public boolean matches(String type, String key, String value) {
      return types.contains(type)
          && (keys.isEmpty() || keys.contains(key))
          && (values.isEmpty() || values.contains(value));
    }
  }

  /**
   * {@code search.maxLookback}.
   *
   * @param label what the search form says
   * @param value Jaeger UI's lookback value ({@code 2d}…)
   */
  public record Lookback(String label, String value) {

    /** The window it stands for ({@code value}: a number and m, h, d or w). */
    public java.time.Duration duration() {
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 'm' -> java.time.Duration.ofMinutes(n);
        case 'h' -> java.time.Duration.ofHours(n);
        case 'd' -> java.time.Duration.ofDays(n);
        default -> java.time.Duration.ofDays(7 * n);
      };
    }
  }

  /** A refused file: the message names the field. */
  public static final class InvalidUiConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidUiConfigException(String message) {
      super(message);
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> TOP =
      Set.of("menu", "linkPatterns", "dependencies", "search", "tracking");

  /** Jaeger UI's link types, its newer names mapped to the older ones. */
  private static final Map<String, String> LINK_TYPES =
      Map.of(
          "tags", "tags",
          "attributes", "tags",
          "process", "process",
          "resource", "process",
          "logs", "logs",
          "events", "logs",
          "traces", "traces");

  /** What a trace link's template can use (Jaeger UI's trace values). */
  public static final List<String> TRACE_VALUES =
      List.of("traceID", "traceName", "duration", "startTime", "endTime");

  /**
   * Parses the file's text.
   *
   * @throws InvalidUiConfigException naming the offending field
   */
  public static UiConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidUiConfigException("not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidUiConfigException("the file must hold one JSON object");
    }
    fields(root, "", TOP);
    List<MenuItem> menu = new ArrayList<>();
    JsonNode menuNode = root.get("menu");
    if (menuNode != null) {
      array(menuNode, "menu");
      for (int i = 0; i < menuNode.size(); i++) {
        menu.add(menuItem(menuNode.get(i), "menu[" + i + "]", true));
      }
    }
    List<LinkPattern> patterns = new ArrayList<>();
    JsonNode patternNode = root.get("linkPatterns");
    if (patternNode != null) {
      array(patternNode, "linkPatterns");
      for (int i = 0; i < patternNode.size(); i++) {
        patterns.add(linkPattern(patternNode.get(i), "linkPatterns[" + i + "]"));
      }
    }
    Integer dag = null;
    JsonNode dependencies = root.get("dependencies");
    if (dependencies != null) {
      object(dependencies, "dependencies");
      fields(dependencies, "dependencies.", Set.of("dagMaxNumServices", "menuEnabled"));
      dag = positive(dependencies.get("dagMaxNumServices"), "dependencies.dagMaxNumServices");
      bool(dependencies.get("menuEnabled"), "dependencies.menuEnabled");
    }
    Lookback lookback = null;
    Integer maxLimit = null;
    JsonNode search = root.get("search");
    if (search != null) {
      object(search, "search");
      fields(search, "search.", Set.of("maxLookback", "maxLimit"));
      JsonNode lb = search.get("maxLookback");
      if (lb != null) {
        object(lb, "search.maxLookback");
        fields(lb, "search.maxLookback.", Set.of("label", "value"));
        lookback =
            new Lookback(
                text(lb.get("label"), "search.maxLookback.label", true),
                text(lb.get("value"), "search.maxLookback.value", true));
        if (!lookback.value().matches("[1-9][0-9]{0,4}[mhdw]")) {
          throw new InvalidUiConfigException(
              "search.maxLookback.value: a number and m, h, d or w (e.g. 2d), not '"
                  + lookback.value()
                  + "'");
        }
      }
      maxLimit = positive(search.get("maxLimit"), "search.maxLimit");
    }
    JsonNode tracking = root.get("tracking");
    if (tracking != null) {
      object(tracking, "tracking"); // analytics: accepted and ignored
    }
    return new UiConfig(List.copyOf(menu), List.copyOf(patterns), dag, lookback, maxLimit);
  }

  private static MenuItem menuItem(JsonNode node, String path, boolean groupAllowed) {
    object(node, path);
    fields(node, path + ".", Set.of("label", "url", "items", "anchorTarget"));
    String label = text(node.get("label"), path + ".label", true);
    text(node.get("anchorTarget"), path + ".anchorTarget", false);
    JsonNode items = node.get("items");
    if (items != null) {
      if (!groupAllowed) {
        throw new InvalidUiConfigException(path + ".items: groups do not nest");
      }
      if (node.has("url")) {
        throw new InvalidUiConfigException(path + ": either url or items, not both");
      }
      array(items, path + ".items");
      List<MenuItem> links = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        links.add(menuItem(items.get(i), path + ".items[" + i + "]", false));
      }
      return new MenuItem(label, null, List.copyOf(links));
    }
    return new MenuItem(label, url(node.get("url"), path + ".url"), List.of());
  }

  private static LinkPattern linkPattern(JsonNode node, String path) {
    object(node, path);
    fields(node, path + ".", Set.of("type", "key", "value", "url", "text"));
    Set<String> types = new java.util.LinkedHashSet<>();
    List<String> typeNames = strings(node.get("type"), path + ".type");
    if (typeNames.isEmpty()) {
      throw new InvalidUiConfigException(path + ".type: missing");
    }
    for (String type : typeNames) {
      String known = LINK_TYPES.get(type);
      if (known == null) {
        throw new InvalidUiConfigException(
            path
                + ".type: one of tags (attributes), process (resource), logs (events), traces,"
                + " not '"
                + type
                + "'");
      }
      types.add(known);
    }
    List<String> keys = strings(node.get("key"), path + ".key");
    if (keys.isEmpty() && !types.equals(Set.of("traces")) && node.has("key")) {
      throw new InvalidUiConfigException(path + ".key: must name at least one key");
    }
    LinkTemplate url = LinkTemplate.parse(url(node.get("url"), path + ".url"), path + ".url");
    String textSource = text(node.get("text"), path + ".text", false);
    LinkTemplate text = textSource == null ? null : LinkTemplate.parse(textSource, path + ".text");
    if (types.contains("traces")) {
      traceValuesOnly(url, path + ".url");
      if (text != null) {
        traceValuesOnly(text, path + ".text");
      }
    }
    return new LinkPattern(
        Set.copyOf(types), keys, strings(node.get("value"), path + ".value"), url, text);
  }

  /** A trace link can only use the trace's values: Jaeger UI shows it never otherwise. */
  private static void traceValuesOnly(LinkTemplate template, String path) {
    for (String name : template.names()) {
      String bare = name.startsWith("trace.") ? name.substring("trace.".length()) : name;
      if (!TRACE_VALUES.contains(bare)) {
        throw new InvalidUiConfigException(
            path
                + ": #{"
                + name
                + "}: a trace link can use "
                + String.join(", ", TRACE_VALUES)
                + " only");
      }
    }
  }

  /**
   * A string, or an array of strings (numbers and booleans read as their text, as Jaeger UI's
   * values compare); absent: empty.
   */
  private static List<String> strings(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(scalar(node.get(i), path + "[" + i + "]"));
      }
    } else {
      out.add(scalar(node, path));
    }
    return List.copyOf(out);
  }

  private static String scalar(JsonNode node, String path) {
    if (node.isString() || node.isNumber() || node.isBoolean()) {
      return node.asString();
    }
    throw new InvalidUiConfigException(path + ": must be a string or an array of strings");
  }

  /** An http(s) URL or a path: never {@code javascript:} and the like. */
  private static String url(JsonNode node, String path) {
    String url = text(node, path, true);
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("/"))) {
      throw new InvalidUiConfigException(path + ": an http(s) URL or a path starting with /");
    }
    return url;
  }

  private static void fields(JsonNode node, String prefix, Set<String> known) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!known.contains(name)) {
        throw new InvalidUiConfigException(prefix + name + ": unknown field");
      }
    }
  }

  private static void object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidUiConfigException(path + ": must be an object");
    }
  }

  private static void array(JsonNode node, String path) {
    if (!node.isArray()) {
      throw new InvalidUiConfigException(path + ": must be an array");
    }
  }

  private static String text(JsonNode node, String path, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new InvalidUiConfigException(path + ": missing");
      }
      return null;
    }
    if (!node.isString() || node.asString().isBlank()) {
      throw new InvalidUiConfigException(path + ": must be a non-empty string");
    }
    return node.asString();
  }

  private static void bool(JsonNode node, String path) {
    if (node != null && !node.isBoolean()) {
      throw new InvalidUiConfigException(path + ": must be true or false");
    }
  }

  private static Integer positive(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw new InvalidUiConfigException(path + ": must be a whole number of at least 1");
    }
    return node.asInt();
  }
}
