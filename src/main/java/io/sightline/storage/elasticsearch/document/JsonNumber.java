package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Objects;

/**
 * A JSON number exactly as it was written. Tag values are decoded by their declared {@code type},
 * not by their JSON token, so the text is kept until the type says how to read it (an int64 beyond
 * 2^53 must not pass through a double; a float64 {@code 1} is still a float).
 *
 * @param text the number's JSON text, e.g. {@code 23456}, {@code 72.5}, {@code 1e+21}
 */
@JsonSerialize(using = JsonNumber.Serializer.class)
public record JsonNumber(String text) {

  public JsonNumber {
    Objects.requireNonNull(text, "text");
  }

  /** Whether the text has neither a fraction nor an exponent. */
  public boolean isIntegral() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  /** Writes the number back unchanged. */
  static final class Serializer extends StdSerializer<JsonNumber> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(JsonNumber.class);
    }

    @Override
    public void serialize(JsonNumber value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(value.text());
    }
  }
}
