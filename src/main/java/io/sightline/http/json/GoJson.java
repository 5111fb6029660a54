package io.sightline.http.json;

import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * JSON generators that write as Go's {@code encoding/json} does, which is what Jaeger's clients
 * have always received: {@code <}, {@code >}, {@code &}, U+2028 and U+2029 written as JSON unicode
 * escapes (backslash, {@code u003c} and so on), lower-case hex escapes, {@code /} and non-ASCII
 * text as they are, and, when pretty-printed, Go's {@code MarshalIndent} layout with a four-space
 * indent.
 */
public final class GoJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          // A response cut short by a failure must stay visibly broken, not be closed into valid
          // but truncated JSON.
          .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  private static final CharacterEscapes GO_ESCAPES = new GoEscapes();

  private static final ObjectWriteContext COMPACT = new Context(null);

  private GoJson() {}

  /**
   * A UTF-8 generator on the stream; closing it flushes but leaves the stream open.
   *
   * @param pretty Go's {@code MarshalIndent(v, "", " ")} layout instead of compact output
   */
  public static JsonGenerator generator(OutputStream out, boolean pretty) {
    return FACTORY.createGenerator(pretty ? new Context(goIndent()) : COMPACT, out);
  }

  private static PrettyPrinter goIndent() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.NONE)
            .withArrayElementSpacing(Separators.Spacing.NONE)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static final class Context extends ObjectWriteContext.Base {
    private final PrettyPrinter prettyPrinter;

    Context(PrettyPrinter prettyPrinter) {
      this.prettyPrinter = prettyPrinter;
    }

    @Override
    public CharacterEscapes getCharacterEscapes() {
      return GO_ESCAPES;
    }

    @Override
    public PrettyPrinter getPrettyPrinter() {
      return prettyPrinter == null ? null : ((DefaultPrettyPrinter) prettyPrinter).createInstance();
    }

    @Override
    public boolean hasPrettyPrinter() {
      return prettyPrinter != null;
    }
  }

  /** Go's HTML-safe escapes on top of the standard JSON ones. */
  private static final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializableString LT = new SerializedString("\\u003c");
    private static final SerializableString GT = new SerializedString("\\u003e");
    private static final SerializableString AMP = new SerializedString("\\u0026");
    private static final SerializableString LS = new SerializedString("\\u2028");
    private static final SerializableString PS = new SerializedString("\\u2029");

    static {
      ASCII['<'] = ESCAPE_CUSTOM;
      ASCII['>'] = ESCAPE_CUSTOM;
      ASCII['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return switch (ch) {
        case '<' -> LT;
        case '>' -> GT;
        case '&' -> AMP;
        case 0x2028 -> LS;
        case 0x2029 -> PS;
        default -> null;
      };
    }
  }
}
