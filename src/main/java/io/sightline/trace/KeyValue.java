package io.sightline.trace;

import io.sightline.gotext.GoFloats;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A typed tag, process tag or log field. The Java type of {@link #value()} follows {@link #type()}:
 * {@code String}, {@code Boolean}, {@code Long}, {@code Double} or {@code byte[]}.
 *
 * @param key the tag key
 * @param type the value type
 * @param value the value, never null
 */
public record KeyValue(String key, ValueType type, Object value) {

  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Class<?> expected =
        switch (type) {
          case STRING -> String.class;
          case BOOL -> Boolean.class;
          case INT64 -> Long.class;
          case FLOAT64 -> Double.class;
          case BINARY -> byte[].class;
        };
    if (!expected.isInstance(value)) {
      throw new IllegalArgumentException(
          "value of a " + type.jaegerName() + " tag must be a " + expected.getSimpleName());
    }
  }

  public static KeyValue string(String key, String value) {
    return new KeyValue(key, ValueType.STRING, value);
  }

  public static KeyValue bool(String key, boolean value) {
    return new KeyValue(key, ValueType.BOOL, value);
  }

  public static KeyValue int64(String key, long value) {
    return new KeyValue(key, ValueType.INT64, value);
  }

  public static KeyValue float64(String key, double value) {
    return new KeyValue(key, ValueType.FLOAT64, value);
  }

  public static KeyValue binary(String key, byte[] value) {
    return new KeyValue(key, ValueType.BINARY, value.clone());
  }

  /** The string value; only for {@link ValueType#STRING}. */
  public String stringValue() {
    return (String) value;
  }

  /** The bool value; only for {@link ValueType#BOOL}. */
  public boolean boolValue() {
    return (Boolean) value;
  }

  /** The int64 value; only for {@link ValueType#INT64}. */
  public long longValue() {
    return (Long) value;
  }

  /** The float64 value; only for {@link ValueType#FLOAT64}. */
  public double doubleValue() {
    return (Double) value;
  }

  /** A copy of the bytes; only for {@link ValueType#BINARY}. */
  public byte[] binaryValue() {
    return ((byte[]) value).clone();
  }

  /**
   * The value as text, the way Jaeger's {@code AsString} shows it: bools as {@code true/false},
   * numbers in decimal, binary as lower-case hex.
   */
  public String valueAsString() {
    return switch (type) {
      case STRING -> (String) value;
      case BOOL, INT64 -> value.toString();
      case FLOAT64 -> GoFloats.format((Double) value);
      case BINARY -> HexFormat.of().formatHex((byte[]) value);
    };
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof KeyValue other)) {
      return false;
    }
    if (type != other.type || !key.equals(other.key)) {
      return false;
    }
    return type == ValueType.BINARY
        ? Arrays.equals((byte[]) value, (byte[]) other.value)
        : value.equals(other.value);
  }

  @Override
  public int hashCode() {
    int valueHash = type == ValueType.BINARY ? Arrays.hashCode((byte[]) value) : value.hashCode();
    return (key.hashCode() * 31 + type.hashCode()) * 31 + valueHash;
  }

  @Override
  public String toString() {
    return key + "=" + valueAsString() + " (" + type.jaegerName() + ")";
  }
}
