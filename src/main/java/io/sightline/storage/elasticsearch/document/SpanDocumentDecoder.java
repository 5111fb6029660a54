package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes span documents straight from a parser positioned on a {@code _source} object, without an
 * intermediate tree or map. A field of the wrong JSON type (a {@code startTime} of {@code "soon"},
 * an object where a list belongs) does not fail the document: the field reads as absent and the
 * problem is handed back, to become a warning on the span.
 *
 * <p>Not thread-safe: use one decoder per response being read.
 */
public final class SpanDocumentDecoder {

  private static final String PROBLEMS = SpanDocumentDecoder.class.getName() + ".problems";

  private final ObjectReader reader;
  private final List<String> problems = new ArrayList<>();

  public SpanDocumentDecoder(ObjectMapper mapper) {
    this.reader =
        mapper
            .readerFor(SpanDocument.class)
            .withHandler(new Lenient())
            .withAttribute(PROBLEMS, problems);
  }

  /**
   * Reads the object at the parser's current token ({@code START_OBJECT}); afterwards the parser is
   * on that object's {@code END_OBJECT}.
   */
  public SpanDocument decode(JsonParser parser) throws IOException {
    problems.clear();
    return reader.readValue(parser);
  }

  /** The problems met by the last {@link #decode}, as warnings; a fresh list. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Turns type mismatches into absent values plus a recorded problem. */
  private static final class Lenient extends DeserializationProblemHandler {

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt,
        Class<?> targetType,
        String valueToConvert,
        String failureMsg) {
      record(ctxt, "\"" + valueToConvert + "\" is not a " + targetType.getSimpleName());
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt,
        Class<?> targetType,
        Number valueToConvert,
        String failureMsg) {
      record(ctxt, valueToConvert + " is not a " + targetType.getSimpleName());
      return null;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken t,
        JsonParser p,
        String failureMsg)
        throws IOException {
      record(
          ctxt,
          "unexpected "
              + describe(t)
              + " where a "
              + targetType.getRawClass().getSimpleName()
              + " belongs");
      p.skipChildren();
      return null;
    }

    private static String describe(JsonToken t) {
      return switch (t) {
        case START_OBJECT -> "object";
        case START_ARRAY -> "array";
        case VALUE_STRING -> "string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
        case VALUE_TRUE, VALUE_FALSE -> "boolean";
        default -> String.valueOf(t);
      };
    }

    @SuppressWarnings("unchecked")
    private static void record(DeserializationContext ctxt, String problem) {
      String field = ctxt.getParser().getParsingContext().getCurrentName();
      ((List<String>) ctxt.getAttribute(PROBLEMS))
          .add(
              "field "
                  + (field == null ? "?" : "\"" + field + "\"")
                  + ": "
                  + problem
                  + "; ignored");
    }
  }
}
