package io.sightline.trace;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * A tag value pattern of a trace search, with the meaning Elasticsearch gives it: Jaeger sends
 * every tag value as a {@code regexp} query without {@code flags}, so the value is a Lucene regular
 * expression with all optional operators enabled ({@code @} any string, {@code #} empty language,
 * {@code <1-5>} numeric interval, {@code ~} complement, {@code &} intersection, {@code "…"} quoted
 * literal) that must match the <em>whole</em> stored value. {@code 20.*} matches {@code 200};
 * {@code same\*} matches only the literal {@code same*}.
 *
 * <p>Compiling validates the pattern the way Elasticsearch would before a search is sent, so a
 * malformed or pathological pattern becomes a 400 naming the tag rather than a 500 from the server.
 * The limits are Elasticsearch's defaults: {@code index.max_regex_length} (1,000 characters) and
 * {@code max_determinized_states} (10,000).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TagValuePattern {

  /** Elasticsearch's default {@code index.max_regex_length}. */
  public static final int MAX_LENGTH = 1_000;

  /** Elasticsearch's default {@code max_determinized_states} of a {@code regexp} query. */
  public static final int MAX_DETERMINIZED_STATES = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;

  private static final String PARAMETER = "tags";

  private final String tagKey;
  private final String pattern;
  private final CharacterRunAutomaton automaton;

  private TagValuePattern(String tagKey, String pattern, CharacterRunAutomaton automaton) {
    this.tagKey = tagKey;
    this.pattern = pattern;
    this.automaton = automaton;
  }

  /**
   * Parses a tag value pattern.
   *
   * @param tagKey the tag the pattern is for (named in the error message)
   * @param pattern the value pattern as the user gave it
   * @throws InvalidQueryException (parameter {@code tags}) when the pattern is too long, malformed
   *     or too complex to run
   */
  public static TagValuePattern compile(String tagKey, String pattern) {
    if (tagKey == null || pattern == null) {
      throw new InvalidQueryException(PARAMETER, "tag key and value must not be null");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw invalid(
          tagKey,
          "the pattern is "
              + pattern.length()
              + " characters long, more than the allowed "
              + MAX_LENGTH);
    }
    try {
      // Syntax flags ALL and no match flags: what Elasticsearch uses for a regexp query that sets
      // no "flags" (and is not case-insensitive).
      RegExp regExp = new RegExp(pattern, RegExp.ALL);
      Automaton automaton = regExp.toAutomaton(MAX_DETERMINIZED_STATES);
      return new TagValuePattern(
          tagKey, pattern, new CharacterRunAutomaton(automaton, MAX_DETERMINIZED_STATES));
    } catch (TooComplexToDeterminizeException e) {
      throw invalid(
          tagKey,
          "the pattern is too complex (it would need more than "
              + MAX_DETERMINIZED_STATES
              + " automaton states)");
    } catch (IllegalArgumentException e) {
      // Lucene's parse errors say what was expected where, e.g. "expected ')' at position 4".
      throw invalid(tagKey, "malformed regular expression: " + e.getMessage());
    } catch (StackOverflowError e) {
      // Deeply nested groups recurse in Lucene's parser; a pattern is capped at 1,000 characters,
      // but a small thread stack could still overflow.
      throw invalid(tagKey, "the pattern is nested too deeply");
    }
  }

  private static InvalidQueryException invalid(String tagKey, String reason) {
    return new InvalidQueryException(
        PARAMETER, "invalid value pattern for tag '" + tagKey + "': " + reason);
  }

  /** Whether the whole value matches the pattern (anchored at both ends, as in Elasticsearch). */
  public boolean matches(String value) {
    return value != null && automaton.run(value);
  }

  /** The pattern as given. */
  public String pattern() {
    return pattern;
  }

  /** The tag this pattern was compiled for. */
  public String tagKey() {
    return tagKey;
  }

  @Override
  public String toString() {
    return tagKey + "~" + pattern;
  }
}
