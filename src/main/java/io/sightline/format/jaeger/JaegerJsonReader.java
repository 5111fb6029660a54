package io.sightline.format.jaeger;

import io.sightline.format.StrictJsonReader;
import io.sightline.trace.KeyValue;
import io.sightline.trace.SpanLog;
import io.sightline.trace.TracedProcess;
import java.util.List;
import tools.jackson.core.JsonParser;

/**
 * What Jaeger's two JSON formats (UI JSON and model JSON) read alike: the model's process and log
 * objects, each format with its own tags, timestamps and rule for fields it does not know.
 */
abstract class JaegerJsonReader extends StrictJsonReader {

  JaegerJsonReader(JsonParser parser) {
    super(parser);
  }

  /** {@code {"serviceName": …, "tags": […]}}. */
  protected TracedProcess process() {
    expectStartObject("a process object");
    String serviceName = "";
    List<KeyValue> tags = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "serviceName" -> serviceName = string("serviceName");
        case "tags" -> tags = array("tags", this::keyValue);
        default -> otherField("process");
      }
    }
    return new TracedProcess(serviceName, tags);
  }

  /** {@code {"timestamp": …, "fields": […]}}. */
  protected SpanLog log() {
    expectStartObject("a log object");
    long timestamp = 0;
    List<KeyValue> fields = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "timestamp" -> timestamp = timestamp("timestamp");
        case "fields" -> fields = array("fields", this::keyValue);
        default -> otherField("log");
      }
    }
    return new SpanLog(timestamp, fields);
  }

  /** One tag object, the parser on its start. */
  protected abstract KeyValue keyValue();

  /** A timestamp, as microseconds since the epoch. */
  protected abstract long timestamp(String what);

  /**
   * A field that an object ({@code where}) does not know, the parser on its value: refused or
   * skipped.
   */
  protected abstract void otherField(String where);
}
