package io.sightline.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * A URL or text template of Jaeger UI's {@code linkPatterns}: {@code #{name}} placeholders, each
 * optionally followed by Jaeger UI's format functions ({@code #{startTime |
 * epoch_micros_to_date_iso}}, {@code #{id | pad_start 16 0}}, {@code #{endTime | add 60000000}}).
 * Unknown functions and bad arguments are refused when the file is read (Jaeger UI ignores them and
 * logs to the browser console), so a deployment learns of them at start-up.
 *
 * <p>As in Jaeger UI, {@code epoch_micros_to_date_iso} and {@code add} only change numbers, {@code
 * pad_start} only strings; a value of another type passes unchanged. Unlike Jaeger UI, which
 * formats only URL placeholders, the functions apply in texts too.
 */
public final class LinkTemplate {

  /**
   * A placeholder's value.
   *
   * @param text the value as text
   * @param number whether Jaeger UI holds it as a number (numeric tags, durations, times in µs)
   */
  public record Value(String text, boolean number) {

    public static Value text(String text) {
      return new Value(text, false);
    }

    public static Value number(long n) {
      return new Value(Long.toString(n), true);
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("#\\{([^{}]*)}");

  /** Jaeger UI's format functions. */
  static final Set<String> FUNCTIONS = Set.of("epoch_micros_to_date_iso", "pad_start", "add");

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private record Call(String function, List<String> args) {}

  private record Part(String literal, String name, List<Call> calls) {}

  private final String source;
  private final List<Part> parts;

  private LinkTemplate(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /**
   * Reads a template.
   *
   * @param path the field, for messages ({@code linkPatterns[0].url})
   * @throws UiConfig.InvalidUiConfigException for an unknown format function or a bad argument
   */
  public static LinkTemplate parse(String template, String path) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      parts.add(new Part(template.substring(at, m.start()), null, List.of()));
      String[] pieces = m.group(1).split("\\|", -1);
      String name = pieces[0].strip();
      if (name.isEmpty()) {
        throw new UiConfig.InvalidUiConfigException(path + ": '" + m.group() + "' names no value");
      }
      List<Call> calls = new ArrayList<>();
      for (int i = 1; i < pieces.length; i++) {
        calls.add(call(pieces[i].strip(), m.group(), path));
      }
      parts.add(new Part(null, name, List.copyOf(calls)));
      at = m.end();
    }
    parts.add(new Part(template.substring(at), null, List.of()));
    return new LinkTemplate(template, List.copyOf(parts));
  }

  private static Call call(String text, String placeholder, String path) {
    String[] words = text.split(" +");
    String function = words[0];
    List<String> args = List.of(words).subList(1, words.length);
    String where = path + ": " + placeholder + ": ";
    switch (function) {
      case "epoch_micros_to_date_iso" -> {}
      case "pad_start" -> {
        if (args.isEmpty() || !args.get(0).matches("[0-9]{1,4}")) {
          throw new UiConfig.InvalidUiConfigException(
              where + "pad_start needs a length (e.g. pad_start 16 0)");
        }
      }
      case "add" -> {
        if (args.isEmpty() || !args.get(0).matches("-?[0-9]{1,18}")) {
          throw new UiConfig.InvalidUiConfigException(
              where + "add needs a whole number (e.g. add 60000000)");
        }
      }
      default ->
          throw new UiConfig.InvalidUiConfigException(
              where
                  + "unknown format function '"
                  + function
                  + "'; one of add, epoch_micros_to_date_iso, pad_start");
    }
    return new Call(function, args);
  }

  /** The names of the values the template needs, in order (with repeats). */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (Part part : parts) {
      if (part.name() != null) {
        names.add(part.name());
      }
    }
    return names;
  }

  /**
   * The template filled in, or {@code null} when a placeholder has no value ({@code values} answers
   * {@code null}): Jaeger UI shows no link then.
   *
   * @param encode whether to percent-encode the values (for a URL)
   */
  public String fill(Function<String, Value> values, boolean encode) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part part : parts) {
      if (part.name() == null) {
        out.append(part.literal());
        continue;
      }
      Value value = values.apply(part.name());
      if (value == null) {
        return null;
      }
      for (Call call : part.calls()) {
        value = apply(call, value);
      }
      out.append(encode ? UriUtils.encode(value.text(), StandardCharsets.UTF_8) : value.text());
    }
    return out.toString();
  }

  private static Value apply(Call call, Value value) {
    switch (call.function()) {
      case "epoch_micros_to_date_iso" -> {
        Long micros = whole(value);
        // JavaScript's Date keeps whole milliseconds, truncated towards zero.
        return micros == null ? value : Value.text(ISO.format(Instant.ofEpochMilli(micros / 1000)));
      }
      case "pad_start" -> {
        if (value.number()) {
          return value;
        }
        int length = Integer.parseInt(call.args().get(0));
        String pad = call.args().size() > 1 ? call.args().get(1) : " ";
        StringBuilder padding = new StringBuilder();
        int missing = length - value.text().length();
        while (padding.length() < missing) {
          padding.append(pad);
        }
        padding.setLength(Math.max(0, missing));
        return Value.text(padding + value.text());
      }
      default -> { // add
        if (!value.number()) {
          return value;
        }
        try {
          BigDecimal sum = new BigDecimal(value.text()).add(new BigDecimal(call.args().get(0)));
          return new Value(sum.stripTrailingZeros().toPlainString(), true);
        } catch (NumberFormatException e) {
          return value;
        }
      }
    }
  }

  private static Long whole(Value value) {
    if (!value.number()) {
      return null;
    }
    try {
      return new BigDecimal(value.text()).longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinkTemplate t && t.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }
}
