package io.sightline.http;

import io.sightline.gotext.GoDuration;
import io.sightline.gotext.GoStrconv;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.QueryLimits;
import java.time.Duration;
import java.util.function.Function;

/**
 * A parameter's text read with one of Go's parsers ({@code gotext}), as Jaeger's query parsers read
 * theirs: a parser's refusal ({@link IllegalArgumentException}, with Go's error text) becomes the
 * client's {@link InvalidQueryException}, in the words of the parser that asked. Jaeger's {@code
 * /api/*} words are {@code unable to parse param '<name>': <Go error>} ({@link #parseError}).
 */
final class GoParams {

  private GoParams() {}

  /**
   * The text as the parser reads it.
   *
   * @param refusal the client's error for Go's error text
   */
  static <T> T parse(
      String text, Function<String, T> parser, Function<String, InvalidQueryException> refusal) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw refusal.apply(e.getMessage());
    }
  }

  /** {@code /api/*}: the text as the parser reads it, refused in Jaeger's words. */
  static <T> T parse(String text, String name, Function<String, T> parser) {
    return parse(text, parser, error -> parseError(name, error));
  }

  /** {@code /api/*}: the text as the parser reads it, or {@code absent} when it is empty. */
  static <T> T parseOptional(String text, String name, T absent, Function<String, T> parser) {
    return text.isEmpty() ? absent : parse(text, name, parser);
  }

  /** {@code /api/*}: Go's {@code strconv.ParseInt(text, 10, 64)}. */
  static long parseInt64(String text, String name) {
    return parse(text, name, value -> GoStrconv.parseInt(value, 64));
  }

  /** Jaeger's {@code unable to parse param '<name>': <error>}. */
  static InvalidQueryException parseError(String name, String error) {
    return new InvalidQueryException(name, "unable to parse param '" + name + "': " + error);
  }

  /**
   * Refuses a time range longer than the limits allow: {@code <range> is longer than the maximum of
   * <Go duration>}.
   *
   * @param range how the message names the range, given its length as a Go duration, e.g. {@code
   *     the time range from 'start' to 'end' (<length>)}
   */
  static void checkRange(
      QueryLimits limits, Duration length, String name, Function<String, String> range) {
    if (length.compareTo(limits.maxLookback()) > 0) {
      throw new InvalidQueryException(
          name,
          range.apply(GoDuration.format(length))
              + " is longer than the maximum of "
              + GoDuration.format(limits.maxLookback()));
    }
  }
}
