package io.sightline.storage.elasticsearch;

import java.util.List;

/**
 * The clean-ups and checks the settings records share. Absent and blank mean "not set" (the YAML
 * binds unset variables to {@code ""}), and a value that cannot be used fails at startup, naming
 * its variable.
 */
final class SettingValues {

  private SettingValues() {}

  /** The text as given; {@code ""} when absent. */
  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The text without surrounding white space; {@code ""} when absent. */
  static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }

  /** The text without surrounding white space; the fallback when absent or blank. */
  static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** The values without surrounding white space, blank ones left out; empty when absent. */
  static List<String> nonBlank(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * Checks a count that must be above zero.
   *
   * @throws IllegalArgumentException {@code <variable> must be positive, got <value>}
   */
  static void requirePositive(int value, String variable) {
    if (value <= 0) {
      throw new IllegalArgumentException(variable + " must be positive, got " + value);
    }
  }

  /**
   * Checks a count that may be zero.
   *
   * @throws IllegalArgumentException {@code <variable> must not be negative, got <value>}
   */
  static void requireNotNegative(int value, String variable) {
    if (value < 0) {
      throw new IllegalArgumentException(variable + " must not be negative, got " + value);
    }
  }
}
