package io.sightline.config;

import io.sightline.config.JaegerVariable.Kind;
import io.sightline.gotext.GoDuration;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One variable's value checked against its {@link Kind} and put in the form Sightline's binding
 * takes (Go's boolean spellings, Go durations in nanoseconds, blank meaning the default); a bad
 * value is an {@link InvalidSettingException} naming the variable, never echoing a secret.
 */
final class VariableValues {

  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,19}");

  private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> GO_FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private VariableValues() {}

  // --- single values --------------------------------------------------------------------------

  /** The value in the form Sightline's binding takes; blank means the variable's default. */
  static String normalize(JaegerVariable variable, String value) {
    if (value == null || value.isBlank()) {
      return variable.defaultValue();
    }
    Kind kind = variable.kind();
    if (kind == Kind.BOOL) {
      return Boolean.toString(bool(variable, value));
    } else if (kind instanceof Kind.Whole whole) {
      return Long.toString(whole(variable, whole, value));
    } else if (kind == Kind.DURATION) {
      // Nanoseconds are understood by both Go-syntax settings and Spring's Duration binding.
      return duration(variable, value).toNanos() + "ns";
    } else if (kind instanceof Kind.Choice choice) {
      return choice(variable, choice, value);
    } else if (kind == Kind.URLS) {
      return urls(variable, value);
    } else if (kind == Kind.FILE) {
      return file(variable, value);
    } else if (kind == Kind.HOST_PORT) {
      hostPort(variable, value);
      return value.trim();
    }
    return value;
  }

  static boolean bool(JaegerVariable variable, String value) {
    String v = value.trim();
    if (GO_TRUE.contains(v)) {
      return true;
    }
    if (GO_FALSE.contains(v)) {
      return false;
    }
    throw invalid(variable, value, "is not a boolean (true or false)");
  }

  private static long whole(JaegerVariable variable, Kind.Whole kind, String value) {
    String v = value.trim();
    if (!WHOLE.matcher(v).matches()) {
      throw invalid(variable, value, "is not a whole number");
    }
    long number;
    try {
      number = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(variable, value, "is not a whole number");
    }
    if (number > Integer.MAX_VALUE) {
      throw invalid(variable, value, "is too large (at most " + Integer.MAX_VALUE + ")");
    }
    if (number < kind.min()) {
      throw invalid(variable, value, "is too small (" + kind.accepted() + ")");
    }
    return number;
  }

  private static Duration duration(JaegerVariable variable, String value) {
    Duration d;
    try {
      d = GoDuration.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(variable, value, "is not a duration (" + e.getMessage() + ")");
    }
    if (d.isNegative()) {
      throw invalid(variable, value, "is negative");
    }
    return d;
  }

  private static String choice(JaegerVariable variable, Kind.Choice kind, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (kind.values().contains(v)) {
      return v;
    }
    throw invalid(variable, value, "is not " + kind.accepted());
  }

  /** Jaeger strips every space and splits on commas; each server must be a full URL. */
  private static String urls(JaegerVariable variable, String value) {
    List<String> servers = new ArrayList<>();
    for (String part : value.replace(" ", "").split(",", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = new URI(part);
      } catch (java.net.URISyntaxException e) {
        throw invalidUrl(variable, value, part);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw invalidUrl(variable, value, part);
      }
      if (uri.getRawUserInfo() != null) {
        // Never echo it: the user info may hold a password.
        throw new InvalidSettingException(
            variable.name(),
            variable.name()
                + " holds credentials in a URL (user:password@host); Sightline does not send"
                + " them from there.",
            "Put the user in ES_USERNAME and the password in ES_PASSWORD (or ES_PASSWORD_FILE),"
                + " and remove them from "
                + variable.name()
                + ".");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw invalid(variable, value, "must not have a query (?…) or fragment (#…)");
      }
      servers.add(part);
    }
    if (servers.isEmpty()) {
      return variable.defaultValue();
    }
    return String.join(",", servers);
  }

  private static InvalidSettingException invalidUrl(
      JaegerVariable variable, String value, String part) {
    return new InvalidSettingException(
        variable.name(),
        variable.name()
            + "="
            + display(variable, value)
            + " is not a list of URLs: "
            + display(variable, part)
            + " is not a full http:// or https:// URL with a host.",
        "Set "
            + variable.name()
            + " to comma-separated URLs such as https://elasticsearch:9200. See "
            + JaegerVariables.DOCS
            + ".");
  }

  private static String file(JaegerVariable variable, String value) {
    String v = value.trim();
    Path path;
    try {
      path = Path.of(v);
    } catch (InvalidPathException e) {
      throw invalid(variable, value, "is not a file path");
    }
    String problem = null;
    if (!Files.exists(path)) {
      problem = "no such file";
    } else if (Files.isDirectory(path)) {
      problem = "it is a directory";
    } else if (!Files.isReadable(path)) {
      problem = "permission denied for user " + System.getProperty("user.name");
    }
    if (problem != null) {
      throw invalid(
          variable,
          v,
          "cannot be read: " + problem,
          "Mount the file at that path or correct " + variable.name());
    }
    return v;
  }

  private static HostPort hostPort(JaegerVariable variable, String value) {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(variable, value, "is not host:port (" + e.getMessage() + ")");
    }
  }

  private static InvalidSettingException invalid(
      JaegerVariable variable, String value, String problem) {
    String defaultText =
        variable.defaultValue().isEmpty() ? "" : " (default: " + variable.defaultValue() + ")";
    return invalid(
        variable,
        value,
        problem,
        "Set "
            + variable.name()
            + " to "
            + variable.kind().accepted()
            + ", or unset it"
            + defaultText);
  }

  /**
   * @param hint what to do about it (a sentence without its full stop)
   */
  private static InvalidSettingException invalid(
      JaegerVariable variable, String value, String problem, String hint) {
    return new InvalidSettingException(
        variable.name(),
        variable.name() + "=" + display(variable, value) + " " + problem + ".",
        hint + ". See " + JaegerVariables.DOCS + ".");
  }

  /** A value as it may be shown: never a secret, never a control character, never a novel. */
  static String display(JaegerVariable variable, String value) {
    return variable.secret() ? "(hidden)" : safe(value);
  }

  static String safe(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < 200; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (out.length() >= 200 && value.length() > 200) {
      out.append("…");
    }
    return out.toString();
  }
}
