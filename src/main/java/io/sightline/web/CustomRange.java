package io.sightline.web;

import io.sightline.trace.InvalidQueryException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A custom time range as the forms send it: {@code from} and {@code to} from {@code <input
 * type="datetime-local">} (a date and time without zone, e.g. {@code 2024-03-05T14:30}) and {@code
 * tz}, the offset of the user's zone from UTC in minutes, east positive (the pages' scripts fill it
 * in; without script it is absent and the times are UTC, which the form then says).
 *
 * @param start the range's start
 * @param end the range's end ({@code to}, or now when {@code to} is empty)
 */
public record CustomRange(Instant start, Instant end) {

  /**
   * Reads a custom range.
   *
   * @throws InvalidQueryException for parameter {@code from} or {@code to}: a missing start, a text
   *     that is no date and time, an end before the start
   */
  public static CustomRange parse(String from, String to, String tz, Instant now) {
    int offset = offsetMinutes(tz);
    if (from == null || from.isBlank()) {
      throw new InvalidQueryException("from", "choose when the custom time range starts");
    }
    Instant start = localTime(from, offset, "from");
    Instant end = to == null || to.isBlank() ? now : localTime(to, offset, "to");
    if (end.isBefore(start)) {
      throw new InvalidQueryException("to", "the custom time range ends before it starts");
    }
    return new CustomRange(start, end);
  }

  private static Instant localTime(String text, int offsetMinutes, String field) {
    try {
      return LocalDateTime.parse(text.trim())
          .toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    } catch (DateTimeParseException e) {
      throw new InvalidQueryException(
          field, "'" + text + "' is not a date and time (like 2024-03-05T14:30)");
    }
  }

  /** The offset east of UTC in minutes; 0 (UTC) when absent or out of range. */
  static int offsetMinutes(String text) {
    if (text == null) {
      return 0;
    }
    try {
      int minutes = Integer.parseInt(text.trim());
      return Math.abs(minutes) <= 18 * 60 ? minutes : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
