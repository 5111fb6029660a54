package io.sightline.api.docs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;

/** The building blocks of {@link ApiDocumentation}: operations, parameters, schemas, answers. */
final class OpenApiParts {

  private OpenApiParts() {}

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  static final String ENVELOPE_NOTE =
      "Answers use Jaeger's envelope {\"data\",\"total\",\"limit\",\"offset\",\"errors\"}. Errors"
          + " come as Go's http.Error writes them: Content-Type text/plain; charset=utf-8, the"
          + " envelope with errors[0].code and errors[0].msg as the body, and a trailing newline.";

  // ---- building blocks ----

  static Operation op(String tag, String summary, String description) {
    return new Operation().addTagsItem(tag).summary(summary).description(description);
  }

  static Parameter query(String name, String description, Schema<?> schema, Object example) {
    return new Parameter()
        .in("query")
        .name(name)
        .description(description)
        .required(false)
        .schema(schema)
        .example(example);
  }

  static Parameter alias(String name, String of) {
    return new Parameter()
        .in("query")
        .name(name)
        .description("The older snake_case name of " + of + " (used when " + of + " is absent)")
        .required(false)
        .schema(string());
  }

  static Parameter pathParam(String name, String description, String example) {
    return new Parameter()
        .in("path")
        .name(name)
        .description(description)
        .required(true)
        .schema(string())
        .example(example);
  }

  static Parameter prettyPrint() {
    return query(
        "prettyPrint",
        "Indent the JSON (4 spaces) when not empty and not \"false\"",
        string(),
        "true");
  }

  static Parameter required(Parameter parameter) {
    return parameter.required(true);
  }

  static Parameter explode(Parameter parameter) {
    Schema<?> item = parameter.getSchema();
    Object example = parameter.getExample();
    return parameter
        .schema(new ArraySchema().items(item))
        .example(List.of(example))
        .explode(true)
        .style(Parameter.StyleEnum.FORM);
  }

  static Schema<?> string() {
    return new StringSchema();
  }

  static Schema<?> dateTime() {
    return new StringSchema().format("date-time");
  }

  static Schema<?> int64() {
    return new IntegerSchema().format("int64");
  }

  static Schema<?> int32() {
    return new IntegerSchema().format("int32");
  }

  static Schema<?> number() {
    return new NumberSchema().format("double");
  }

  static Schema<?> bool() {
    return new BooleanSchema();
  }

  static Content json(Schema<?> schema, String example) {
    return new Content().addMediaType(JSON, new MediaType().schema(schema).example(example));
  }

  static ApiResponse response(String description, String mediaType, String example) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    mediaType, new MediaType().schema(new ObjectSchema()).example(example)));
  }

  /** 200 in the envelope (when {@code example} is given) and envelope errors for the statuses. */
  static ApiResponses envelopeResponses(String example, int... errors) {
    ApiResponses responses = new ApiResponses();
    if (example != null) {
      responses.addApiResponse("200", response("Success, in the envelope", JSON, example));
    }
    for (int status : errors) {
      responses.addApiResponse(
          Integer.toString(status),
          response(
              errorDescription(status),
              TEXT,
              "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":"
                  + status
                  + ",\"msg\":\""
                  + errorExample(status)
                  + "\"}]}\n"));
    }
    return responses;
  }

  /** 200 JSON and the gateway's {"error":{"httpCode","message"}} for the statuses. */
  static ApiResponses v3Responses(String example, int... errors) {
    ApiResponses responses = new ApiResponses();
    responses.addApiResponse("200", response("Success", JSON, example));
    for (int status : errors) {
      String message =
          switch (status) {
            case 400 ->
                "malformed parameter query.durationMin: time: missing unit in duration \\\"100\\\"";
            case 404 -> "No traces found";
            default -> errorExample(status);
          };
      responses.addApiResponse(
          Integer.toString(status),
          response(
              errorDescription(status),
              TEXT,
              "{\"error\":{\"httpCode\":" + status + ",\"message\":\"" + message + "\"}}\n"));
    }
    return responses;
  }

  static String errorDescription(int status) {
    return switch (status) {
      case 400 -> "A parameter is malformed (the message names it, in Jaeger's words)";
      case 404 -> "Not found";
      case 500 -> "The trace store failed";
      case 501 -> "No metrics backend is configured";
      case 503 -> "The trace store is unreachable or did not answer in time";
      default -> "Error";
    };
  }

  static String errorExample(int status) {
    return switch (status) {
      case 400 ->
          "unable to parse param 'start': strconv.ParseInt: parsing \\\"x\\\": invalid syntax";
      case 404 -> "trace not found";
      case 500 -> "Elasticsearch answered 400: failed to create query";
      case 501 -> "trace metrics are currently disabled - no metrics backend configured";
      case 503 -> "Elasticsearch at http://es:9200 is unreachable: Connection refused";
      default -> "error";
    };
  }
}
