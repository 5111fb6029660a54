package io.sightline.storage.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Turns failures into {@link StorageException}s with readable messages. Messages name the
 * operation, the HTTP status and Elasticsearch's own reason; they never contain credentials (server
 * URLs are shown without user info, headers are never shown).
 */
public final class EsErrors {

  /** Error bodies are read up to this size; a reason is never longer. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private static final int MAX_REASON = 1000;

  private EsErrors() {}

  /**
   * The readable reason of an Elasticsearch {@code error} value: {@code root_cause[0].reason}, else
   * {@code reason}, with the error {@code type} in front; also for {@code _msearch} and {@code
   * _bulk} item errors. A plain string error (old servers, proxies) is returned as is.
   */
  public static String reason(JsonNode error) {
    if (error == null || error.isNull() || error.isMissingNode()) {
      return "";
    }
    if (error.isTextual()) {
      return truncate(error.asText());
    }
    JsonNode cause = error.path("root_cause").path(0);
    boolean useCause = !cause.path("reason").asText("").isEmpty();
    JsonNode chosen = useCause ? cause : error;
    String type = chosen.path("type").asText("");
    String reason = chosen.path("reason").asText("");
    String text = type.isEmpty() ? reason : reason.isEmpty() ? type : type + ": " + reason;
    return truncate(text);
  }

  /** The failure for an HTTP error status, reading (a bounded part of) the error body. */
  static EsStatusException forStatus(
      String operation, int status, InputStream body, ObjectMapper mapper) {
    String reason = "";
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
      reason = reasonOfBody(bytes, mapper);
    } catch (IOException e) {
      reason = "(error body unreadable: " + e.getClass().getSimpleName() + ")";
    }
    Kind kind = status == 401 || status == 403 || status == 503 ? Kind.UNAVAILABLE : Kind.FAILED;
    String message =
        operation + " failed: HTTP " + status + (reason.isEmpty() ? "" : ": " + reason);
    return new EsStatusException(kind, status, message);
  }

  private static String reasonOfBody(byte[] bytes, ObjectMapper mapper) {
    if (bytes.length == 0) {
      return "";
    }
    try {
      JsonNode root = mapper.readTree(bytes);
      if (root != null && root.has("error")) {
        return reason(root.get("error"));
      }
      if (root != null && root.has("message")) {
        // Proxies and some managed services answer {"message": "..."}.
        return truncate(root.get("message").asText());
      }
    } catch (IOException e) {
      // Not JSON (an HTML page from a proxy): show its start.
    }
    return truncate(new String(bytes, StandardCharsets.UTF_8).strip());
  }

  /** The failure when no server could be connected to. */
  static StorageException unreachable(String operation, String servers, IOException last) {
    return new StorageException(
        Kind.UNAVAILABLE,
        operation + " failed: cannot connect to " + servers + ": " + describe(last),
        last);
  }

  /** The failure of an exchange after the connection was made. */
  static StorageException exchange(String operation, String server, IOException e) {
    if (e instanceof HttpTimeoutException) {
      return new StorageException(Kind.TIMEOUT, operation + " timed out (" + server + ")", e);
    }
    return new StorageException(
        Kind.UNAVAILABLE, operation + " failed talking to " + server + ": " + describe(e), e);
  }

  /** The failure while a response body was being read. */
  static StorageException whileReading(String operation, IOException e) {
    if (e instanceof HttpTimeoutException || e instanceof DeadlineInputStream.DeadlineExceeded) {
      return new StorageException(
          Kind.TIMEOUT, operation + " timed out while reading the response", e);
    }
    if (e instanceof com.fasterxml.jackson.core.JacksonException) {
      return new StorageException(
          Kind.FAILED, operation + " returned a response that is not valid JSON", e);
    }
    return new StorageException(
        Kind.UNAVAILABLE, operation + " failed while reading the response: " + describe(e), e);
  }

  /** A short description of an I/O failure: its class and message, and its cause's. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    Throwable t = e;
    for (int depth = 0; t != null && depth < 3; depth++, t = t.getCause()) {
      String message = t.getMessage();
      String part =
          t instanceof ConnectException && message == null
              ? "connection refused"
              : t.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
      if (text.indexOf(part) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(part);
      }
    }
    return truncate(text.toString());
  }

  private static String truncate(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
  }
}
