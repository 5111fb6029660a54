package io.sightline.format.jaeger;

import static io.sightline.format.StrictJsonReader.error;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.TokenStreamLocation;

/**
 * The parts of Jaeger model JSON as {@link ModelJsonReader} collects them before they become domain
 * values: a tag checked against its {@code vType}, a span before its process is looked up, and
 * jsonpb's field-name spelling.
 */
final class ModelParts {

  private ModelParts() {}

  /** The proto's snake_case spelling of a field name mapped to jsonpb camelCase. */
  static String camelCase(String name) {
    if (name.indexOf('_') < 0) {
      return name;
    }
    StringBuilder camel = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  /**
   * A {@code model.KeyValue} being read. Every value field with a non-default value is noted, so
   * that one its {@code vType} does not use is refused rather than dropped silently.
   */
  static final class Tag {
    private final TokenStreamLocation start;
    String key = "";
    ValueType type = ValueType.STRING;
    private String vStr = "";
    private boolean vBool;
    private long vInt64;
    private double vFloat64;
    private byte[] vBinary = new byte[0];
    // The first value field holding a non-default value, to check it against vType at the end.
    private String setField;
    private TokenStreamLocation setLocation;
    private final List<String> conflicts = new ArrayList<>(1);

    Tag(TokenStreamLocation start) {
      this.start = start;
    }

    void vStr(String value, TokenStreamLocation at) {
      vStr = value;
      noteValue("vStr", !value.isEmpty(), at);
    }

    void vBool(boolean value, TokenStreamLocation at) {
      vBool = value;
      noteValue("vBool", value, at);
    }

    void vInt64(long value, TokenStreamLocation at) {
      vInt64 = value;
      noteValue("vInt64", value != 0, at);
    }

    void vFloat64(double value, TokenStreamLocation at) {
      vFloat64 = value;
      noteValue("vFloat64", value != 0, at);
    }

    void vBinary(byte[] value, TokenStreamLocation at) {
      vBinary = value;
      noteValue("vBinary", value.length > 0, at);
    }

    private void noteValue(String field, boolean nonDefault, TokenStreamLocation at) {
      if (nonDefault) {
        conflicts.add(field);
        if (setField == null) {
          setField = field;
          setLocation = at;
        }
      }
    }

    KeyValue build() {
      String expectedField = valueField(type);
      for (String field : conflicts) {
        if (!field.equals(expectedField)) {
          throw error(
              field.equals(setField) ? setLocation : start,
              "tag '"
                  + key
                  + "' has a value in "
                  + field
                  + " but its vType is "
                  + type.name()
                  + " (which uses "
                  + expectedField
                  + ")");
        }
      }
      return switch (type) {
        case STRING -> KeyValue.string(key, vStr);
        case BOOL -> KeyValue.bool(key, vBool);
        case INT64 -> KeyValue.int64(key, vInt64);
        case FLOAT64 -> KeyValue.float64(key, vFloat64);
        case BINARY -> KeyValue.binary(key, vBinary);
      };
    }

    private static String valueField(ValueType type) {
      return switch (type) {
        case STRING -> "vStr";
        case BOOL -> "vBool";
        case INT64 -> "vInt64";
        case FLOAT64 -> "vFloat64";
        case BINARY -> "vBinary";
      };
    }
  }

  /** A span as read, before its {@code processId} is looked up in the trace's process map. */
  record RawSpan(
      Span span,
      boolean hasProcess,
      String processId,
      TokenStreamLocation start,
      TokenStreamLocation processIdLocation) {

    Span resolve(Map<String, TracedProcess> processMap) {
      if (hasProcess) {
        return span;
      }
      if (processId == null) {
        throw error(start, "span has neither process nor processId");
      }
      TracedProcess process = processMap.get(processId);
      if (process == null) {
        throw error(processIdLocation, "processId '" + processId + "' is not in the processMap");
      }
      return span.withProcess(process);
    }
  }
}
