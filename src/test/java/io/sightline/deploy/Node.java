package io.sightline.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A position in a parsed YAML/JSON tree (maps, lists, scalars), with the path that led there, so a
 * failed assertion names the field ({@code spec.template.spec.containers[0].ports}) rather than a
 * {@code ClassCastException}. A missing key gives a node that {@link #exists() does not exist}.
 */
final class Node {

  private final Object value;
  private final String path;

  private Node(Object value, String path) {
    this.value = value;
    this.path = path;
  }

  static Node root(Object value) {
    return new Node(value, "$");
  }

  String path() {
    return path;
  }

  boolean exists() {
    return value != null;
  }

  Object value() {
    return value;
  }

  Node get(String key) {
    if (value == null) {
      return new Node(null, path + "." + key);
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new AssertionError(path + " is not a map but " + value);
    }
    return new Node(map.get(key), path + "." + key);
  }

  /** {@code get("a", "b")} is {@code get("a").get("b")}. */
  Node get(String first, String... more) {
    Node node = get(first);
    for (String key : more) {
      node = node.get(key);
    }
    return node;
  }

  List<Node> items() {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new AssertionError(path + " is not a list but " + value);
    }
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      items.add(new Node(list.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  /** The entries of a map node, in document order; empty when the node is missing. */
  Map<String, Node> entries() {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new AssertionError(path + " is not a map but " + value);
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    map.forEach((k, v) -> entries.put(String.valueOf(k), new Node(v, path + "." + k)));
    return entries;
  }

  /** The element of a list of maps whose {@code name} is {@code name}. */
  Optional<Node> named(String name) {
    return items().stream().filter(item -> name.equals(item.get("name").value)).findFirst();
  }

  Node require(String name) {
    return named(name).orElseThrow(() -> new AssertionError(path + " has no entry named " + name));
  }

  String str() {
    if (!(value instanceof String s)) {
      throw new AssertionError(path + " is not a string but " + value);
    }
    return s;
  }

  int integer() {
    if (!(value instanceof Integer i)) {
      throw new AssertionError(path + " is not an integer but " + value);
    }
    return i;
  }

  boolean bool() {
    if (!(value instanceof Boolean b)) {
      throw new AssertionError(path + " is not a boolean but " + value);
    }
    return b;
  }

  /** A map node's entries whose values are strings (labels, selectors, ConfigMap data). */
  Map<String, String> strings() {
    Map<String, String> strings = new LinkedHashMap<>();
    entries().forEach((k, v) -> strings.put(k, v.str()));
    return strings;
  }

  @Override
  public String toString() {
    return path + "=" + value;
  }
}
