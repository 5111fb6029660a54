package io.sightline.format.otlp;

import io.sightline.gotext.GoFloats;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text that an OTLP array or key-value list attribute becomes as a Jaeger string tag: what
 * pdata's {@code Value.AsString()} produces with Go's {@code encoding/json} (HTML escaping off).
 * Objects have their keys sorted byte-wise (Go sorts map keys) and the last of duplicate keys wins;
 * bytes are base64; an empty value is {@code null}; floats take Go's shortest form. A NaN or
 * infinity anywhere makes Go's encoder fail, and the text is then empty, as in Jaeger.
 */
final class GoJsonText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Byte-wise UTF-8 order, which is Go's string order. */
  private static final Comparator<String> GO_STRING_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private GoJsonText() {}

  /** The JSON text of an array or key-value list value. */
  static String of(OtlpValue value) {
    StringBuilder out = new StringBuilder();
    return append(out, value) ? out.toString() : "";
  }

  /** Appends the value; false when Go could not encode it (NaN, ±Inf). */
  private static boolean append(StringBuilder out, OtlpValue value) {
    if (value instanceof OtlpValue.Str s) {
      appendString(out, s.value());
    } else if (value instanceof OtlpValue.Bool b) {
      out.append(b.value());
    } else if (value instanceof OtlpValue.Int64 i) {
      out.append(i.value());
    } else if (value instanceof OtlpValue.Float64 d) {
      if (Double.isNaN(d.value()) || Double.isInfinite(d.value())) {
        return false;
      }
      out.append(GoFloats.format(d.value()));
    } else if (value instanceof OtlpValue.Bytes b) {
      appendString(out, Base64.getEncoder().encodeToString(b.value()));
    } else if (value instanceof OtlpValue.Array a) {
      out.append('[');
      List<OtlpValue> values = a.values();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        if (!append(out, values.get(i))) {
          return false;
        }
      }
      out.append(']');
    } else if (value instanceof OtlpValue.KvList kv) {
      Map<String, OtlpValue> lastWins = new LinkedHashMap<>();
      for (OtlpValue.Attribute attribute : kv.values()) {
        lastWins.put(attribute.key(), attribute.value());
      }
      out.append('{');
      boolean first = true;
      for (String key : lastWins.keySet().stream().sorted(GO_STRING_ORDER).toList()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        appendString(out, key);
        out.append(':');
        if (!append(out, lastWins.get(key))) {
          return false;
        }
      }
      out.append('}');
    } else {
      out.append("null"); // an empty value
    }
    return true;
  }

  /** A JSON string as Go's encoder writes it with HTML escaping off. */
  static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u2028', '\u2029' -> appendUnicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append('\ufffd'); // Go replaces invalid UTF-8 with U+FFFD
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
