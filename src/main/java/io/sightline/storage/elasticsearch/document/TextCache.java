package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The strings of one response, shared: tag keys, service and operation names, tag values such as
 * {@code server} or {@code GET} repeat on almost every span, and each would otherwise be a new
 * string per span. A direct-mapped cache over the parser's character buffer: a hit costs a hash and
 * a comparison and allocates nothing; a miss replaces the slot. Long texts are not cached.
 *
 * <p>Not thread-safe: one per response being read.
 */
final class TextCache {

  private static final int SLOTS = 4096;
  private static final int MAX_CACHED_LENGTH = 64;

  private final String[] slots = new String[SLOTS];

  /** The text of the parser's current scalar token. */
  String text(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    int length = p.getTextLength();
    if (length > MAX_CACHED_LENGTH) {
      return new String(chars, offset, length);
    }
    int hash = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = 31 * hash + chars[i];
    }
    int slot = (hash ^ (hash >>> 12)) & (SLOTS - 1);
    String cached = slots[slot];
    if (cached != null && sameText(cached, chars, offset, length)) {
      return cached;
    }
    String text = new String(chars, offset, length);
    slots[slot] = text;
    return text;
  }

  private static boolean sameText(String s, char[] chars, int offset, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (s.charAt(i) != chars[offset + i]) {
        return false;
      }
    }
    return true;
  }
}
