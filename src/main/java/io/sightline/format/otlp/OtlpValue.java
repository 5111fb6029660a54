package io.sightline.format.otlp;

import java.util.List;

/**
 * An OTLP {@code AnyValue} as read from JSON, before it becomes a Jaeger tag. Array and key-value
 * list values are kept as trees only until they are rendered as JSON text ({@link GoJsonText}).
 */
sealed interface OtlpValue {

  /** A value with none of the {@code AnyValue} fields set. */
  record Empty() implements OtlpValue {}

  record Str(String value) implements OtlpValue {}

  record Bool(boolean value) implements OtlpValue {}

  record Int64(long value) implements OtlpValue {}

  record Float64(double value) implements OtlpValue {}

  @SuppressWarnings("ArrayRecordComponent") // a parsed value, never compared or hashed
  record Bytes(byte[] value) implements OtlpValue {}

  record Array(List<OtlpValue> values) implements OtlpValue {}

  record KvList(List<Attribute> values) implements OtlpValue {}

  /** One {@code KeyValue}: an attribute. */
  record Attribute(String key, OtlpValue value) {}

  /**
   * The value as pdata's {@code Value.Str()} gives it: the text of a string value, {@code ""} for
   * any other type.
   */
  default String str() {
    return this instanceof Str s ? s.value() : "";
  }
}
