package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagValuePatternTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '\'',
      value = {
        // Jaeger's queries_es.json: an escaped star is a literal star ...
        "same\\* => same* => true",
        "same\\* => same => false",
        "same\\* => samex => false",
        "same\\* => same** => false",
        // ... and a wildcard matches both fixtures' values.
        "same.* => same* => true",
        "same.* => samex => true",
        "same.* => same => true",
        "same.* => xsame => false",
        // Anchored at both ends: a literal matches only itself.
        "200 => 200 => true",
        "200 => 2000 => false",
        "200 => 1200 => false",
        "20.* => 200 => true",
        "20.* => 204 => true",
        "20.* => 2 => false",
        "20.* => 300 => false",
        "spook => spook => true",
        "spo.* => spook => true",
        "spo\\* => spook => false",
        "spo\\* => spo* => true",
        // Case-sensitive, as on a keyword field.
        "Error => error => false",
        // Lucene's optional operators, all on (flags ALL):
        "@ => anything at all => true", // @ = any string
        "@ => '' => true",
        "a# => a => false", // # = the empty language
        "# => '' => false",
        "<1-5> => 3 => true", // numeric interval
        "<1-5> => 6 => false",
        "<1-5> => 03 => false", // equal-width bounds fix the width ...
        "<01-05> => 03 => true",
        "<1-10> => 003 => true", // ... unequal widths allow leading zeros
        "<10-20> => 15 => true",
        "<10-20> => 9 => false",
        "ab~(c) => abd => true", // ~ = complement
        "ab~(c) => abc => false",
        "~(foo) => bar => true",
        "~(foo) => foo => false",
        "a.*&.*z => abcz => true", // & = intersection
        "a.*&.*z => abc => false",
        "\"a.b\" => a.b => true", // quoted literal
        "\"a.b\" => axb => false",
        "a{2,3} => aa => true",
        "a{2,3} => aaaa => false",
        "[a-c]+ => abcab => true",
        "[^a-c]+ => xyz => true",
        "[^a-c]+ => xaz => false",
        "a|b => a => true",
        "(ab)?c => c => true",
        "'' => '' => true",
        "'' => x => false",
        // Shorthand classes exist (Lucene 8.6+); anchors do not: ^ is an ordinary character.
        "\\d+ => 123 => true",
        "\\d+ => ddd => false",
        "\\w+ => a_1 => true",
        "^abc => ^abc => true",
        "^abc => abc => false",
      })
  void matchesLikeElasticsearch(String pattern, String value, boolean expected) {
    assertThat(TagValuePattern.compile("k", pattern).matches(value)).isEqualTo(expected);
  }

  @Test
  void keepsThePatternAndTag() {
    TagValuePattern pattern = TagValuePattern.compile("http.status_code", "20.*");
    assertThat(pattern.pattern()).isEqualTo("20.*");
    assertThat(pattern.tagKey()).isEqualTo("http.status_code");
    assertThat(pattern.matches(null)).isFalse();
  }

  @Test
  void matchesSupplementaryCharactersAsOneCharacter() {
    // Lucene matches code points: one '.' stands for one emoji, not for half a surrogate pair.
    assertThat(TagValuePattern.compile("k", "a.b").matches("a\uD83D\uDE00b")).isTrue();
    assertThat(TagValuePattern.compile("k", "a..b").matches("a\uD83D\uDE00b")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"(", "a)", "[a-", "a{2", "\"unterminated", "<1-", "<foo>", "ab\\", "a{3,1}"})
  void rejectsMalformedPatternsNamingTheTag(String pattern) {
    assertThatThrownBy(() -> TagValuePattern.compile("http.url", pattern))
        .isInstanceOfSatisfying(
            InvalidQueryException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("tags");
              assertThat(e.getMessage()).contains("'http.url'").contains("malformed");
            });
  }

  @Test
  void rejectsPatternsLongerThanElasticsearchAllows() {
    String longest = "a".repeat(TagValuePattern.MAX_LENGTH);
    assertThat(TagValuePattern.compile("k", longest).matches(longest)).isTrue();
    assertThatThrownBy(() -> TagValuePattern.compile("big", longest + "a"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("'big'")
        .hasMessageContaining("1001 characters");
  }

  @Test
  void rejectsPatternsTooComplexToDeterminize() {
    // The classic blow-up: "the 20th character from the end is an a" needs 2^20 DFA states.
    assertThatThrownBy(() -> TagValuePattern.compile("slow", "[ab]*a[ab]{20}"))
        .isInstanceOfSatisfying(
            InvalidQueryException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("tags");
              assertThat(e.getMessage()).contains("'slow'").contains("too complex");
            });
  }

  @Test
  void rejectsDeeplyNestedPatternsWithoutCrashing() {
    String nested = "(".repeat(499) + "a" + ")".repeat(499);
    // Either compiles (it is a plain "a") or is rejected as a query error; never a stack overflow.
    try {
      assertThat(TagValuePattern.compile("k", nested).matches("a")).isTrue();
    } catch (InvalidQueryException e) {
      assertThat(e.getMessage()).contains("'k'");
    }
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> TagValuePattern.compile("k", null))
        .isInstanceOf(InvalidQueryException.class);
  }
}
