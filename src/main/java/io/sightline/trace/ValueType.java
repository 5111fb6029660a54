package io.sightline.trace;

import java.util.Locale;

/**
 * The type of a tag value, named as Jaeger names it in JSON ({@code "string"}, {@code "int64"}…).
 */
public enum ValueType {
  STRING,
  BOOL,
  INT64,
  FLOAT64,
  BINARY;

  private static final ValueType[] ALL = values();

  private final String jaegerName = name().toLowerCase(Locale.ROOT);

  /** The name Jaeger uses in storage and in its JSON API. */
  public String jaegerName() {
    return jaegerName;
  }

  /**
   * The type with this Jaeger name (case-insensitive), or {@code null} when the name is unknown.
   */
  public static ValueType fromJaegerName(String name) {
    if (name == null) {
      return null;
    }
    // Every stored tag goes through here: the exact spellings first, by equals (a switch on a
    // string would hash each freshly parsed type name).
    if ("string".equals(name)) {
      return STRING;
    }
    if ("int64".equals(name)) {
      return INT64;
    }
    if ("bool".equals(name)) {
      return BOOL;
    }
    if ("float64".equals(name)) {
      return FLOAT64;
    }
    if ("binary".equals(name)) {
      return BINARY;
    }
    for (ValueType type : ALL) {
      if (type.jaegerName.equalsIgnoreCase(name)) {
        return type;
      }
    }
    return null;
  }
}
