package io.sightline.trace.adjust;

import io.sightline.trace.KeyValue;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Jaeger's order of tags ({@code KeyValues.Sort}): by key, then by type (string, bool, int64,
 * float64, binary), then by value. Strings compare as Go compares them, by their UTF-8 bytes, which
 * is code point order.
 */
final class KeyValueOrder implements Comparator<KeyValue> {

  static final KeyValueOrder INSTANCE = new KeyValueOrder();

  private KeyValueOrder() {}

  @Override
  public int compare(KeyValue a, KeyValue b) {
    int c = compareStrings(a.key(), b.key());
    if (c != 0) {
      return c;
    }
    c = a.type().compareTo(b.type());
    if (c != 0) {
      return c;
    }
    return switch (a.type()) {
      case STRING -> compareStrings(a.stringValue(), b.stringValue());
      case BOOL -> Boolean.compare(a.boolValue(), b.boolValue());
      case INT64 -> Long.compare(a.longValue(), b.longValue());
      case FLOAT64 -> Double.compare(a.doubleValue(), b.doubleValue());
      case BINARY -> Arrays.compareUnsigned(a.binaryValue(), b.binaryValue());
    };
  }

  /** Code point order, which equals the byte order of UTF-8 (Java's compareTo is UTF-16 order). */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
