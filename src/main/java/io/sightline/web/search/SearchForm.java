package io.sightline.web.search;

import java.util.List;
import java.util.Map;

/**
 * What the search form shows: the values of the current search (or the defaults), the choices, and
 * the errors by field.
 *
 * @param services every service, alphabetically
 * @param service the chosen service, {@code ""} for all
 * @param serviceListed whether the chosen service is among {@code services} (an old link may name
 *     one that is gone; it is still offered)
 * @param operations the chosen service's operations, alphabetically (empty for all services)
 * @param operation the operation, {@code ""} for all
 * @param tags the tag conditions as logfmt
 * @param lookbacks the "Last …" choices
 * @param lookback the chosen one's value
 * @param from the custom range's start ({@code datetime-local}, UTC; the script rewrites it in the
 *     user's zone), or {@code ""}
 * @param fromMicros the same instant, µs (0 for none)
 * @param to the custom range's end, or {@code ""}
 * @param toMicros the same instant, µs (0 for none)
 * @param minDuration Go duration text, as given
 * @param maxDuration Go duration text, as given
 * @param limit the number of results asked for
 * @param maxLimit the server's maximum
 * @param sort the result order's URL value
 * @param traceIds the IDs of a {@code traceID=} lookup, as given
 * @param errors messages by field ({@code service}, {@code operation}, {@code tags}, {@code
 *     lookback}, {@code from}, {@code to}, {@code minDuration}, {@code maxDuration}, {@code limit},
 *     {@code traceID}, {@code general})
 */
record SearchForm(
    List<String> services,
    String service,
    boolean serviceListed,
    List<String> operations,
    String operation,
    String tags,
    List<Lookback> lookbacks,
    String lookback,
    String from,
    long fromMicros,
    String to,
    long toMicros,
    String minDuration,
    String maxDuration,
    int limit,
    int maxLimit,
    String sort,
    List<String> traceIds,
    Map<String, String> errors) {

  public boolean custom() {
    return Lookback.CUSTOM_VALUE.equals(lookback);
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public String error(String field) {
    return errors.get(field);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
