package io.sightline.storage.elasticsearch.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.trace.RequestCancelledException;
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

  private static final String UNREACHABLE = "the trace storage cannot be reached";
  private static final String TIMED_OUT = "the trace storage did not answer in time";
  private static final String CONNECTION_FAILED = "the connection to the trace storage failed";

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
    Kind kind = kindOf(status);
    String message =
        operation + " failed: HTTP " + status + (reason.isEmpty() ? "" : ": " + reason);
    return new EsStatusException(kind, status, message, publicMessage(status));
  }

  /**
   * What an error status of Elasticsearch means, for the whole request or one item of a
   * multi-search alike: refused (401, 403), busy (429) or down (502–504, 503 during shard recovery)
   * is {@code UNAVAILABLE} (503 to clients: retrying helps); anything else {@code FAILED}.
   */
  public static Kind kindOf(int status) {
    return switch (status) {
      case 401, 403, 429, 502, 503, 504 -> Kind.UNAVAILABLE;
      default -> Kind.FAILED;
    };
  }

  /**
   * The short message clients and pages are shown for an error status: no server address, index or
   * user name (those stay in the log).
   */
  public static String publicMessage(int status) {
    return switch (status) {
      case 401, 403 -> "the trace storage refused access (HTTP " + status + ")";
      case 429 -> "the trace storage is busy (HTTP 429)";
      case 502, 503, 504 -> "the trace storage is unavailable (HTTP " + status + ")";
      default -> "the trace storage failed to answer (HTTP " + status + ")";
    };
  }

  /**
   * The failure for 401 (credentials rejected or missing) and 403 (not allowed), saying which
   * server refused whom and which variables to check; the server's reason in parentheses.
   *
   * @param authentication what was sent, e.g. {@code basic auth as user 'jaeger'}, {@code none}
   * @param user the basic-auth user, or empty
   * @param prefix {@code ES} or {@code ES_ARCHIVE}
   */
  static EsStatusException refused(
      String operation,
      int status,
      InputStream body,
      ObjectMapper mapper,
      String server,
      String authentication,
      String user,
      String prefix) {
    String reason = "";
    try (InputStream in = body) {
      reason = reasonOfBody(in.readNBytes(MAX_ERROR_BODY), mapper);
    } catch (IOException e) {
      // The status says enough.
    }
    String because = reason.isEmpty() ? "" : " (" + reason + ")";
    String message;
    if (status == 401) {
      if (authentication.equals("none")) {
        message =
            "Elasticsearch at "
                + server
                + " requires authentication"
                + because
                + "; set "
                + prefix
                + "_USERNAME and "
                + prefix
                + "_PASSWORD (or "
                + prefix
                + "_PASSWORD_FILE, "
                + prefix
                + "_TOKEN_FILE, "
                + prefix
                + "_API_KEY_FILE)";
      } else if (!user.isEmpty()) {
        message =
            "Elasticsearch at "
                + server
                + " rejected the credentials for user '"
                + user
                + "'"
                + because
                + "; check "
                + prefix
                + "_USERNAME and "
                + prefix
                + "_PASSWORD (or "
                + prefix
                + "_PASSWORD_FILE)";
      } else {
        message =
            "Elasticsearch at "
                + server
                + " rejected the "
                + authentication
                + because
                + "; check "
                + (authentication.equals("bearer token")
                    ? prefix + "_TOKEN_FILE"
                    : prefix + "_API_KEY_FILE");
      }
    } else {
      message =
          "Elasticsearch at "
              + server
              + " does not allow "
              + (user.isEmpty() ? "the " + authentication : "user '" + user + "'")
              + " this"
              + because
              + "; grant read access to the Jaeger indices (and the monitor cluster privilege)";
    }
    return new EsStatusException(
        Kind.UNAVAILABLE,
        status,
        operation + " failed: HTTP " + status + ": " + message,
        publicMessage(status));
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
    return unreachable(operation, servers, last, "ES");
  }

  /**
   * The failure when no server could be connected to; a TLS handshake failure says what to check.
   *
   * @param prefix {@code ES} or {@code ES_ARCHIVE}, for the variables named
   */
  static StorageException unreachable(
      String operation, String servers, IOException last, String prefix) {
    String tls = tlsProblem(last, prefix);
    return new StorageException(
        Kind.UNAVAILABLE,
        operation
            + " failed: cannot connect to "
            + servers
            + ": "
            + (tls == null ? describe(last) : tls + " [" + describe(last) + "]"),
        UNREACHABLE,
        last);
  }

  /** What a TLS handshake failure means for the operator, or null when it is none. */
  static String tlsProblem(Throwable failure, String prefix) {
    boolean handshake = false;
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      handshake |= t instanceof javax.net.ssl.SSLException;
      if (t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertPathValidatorException) {
        return "TLS: the server's certificate is not signed by a trusted CA ("
            + prefix
            + "_TLS_CA names the CA to trust; without it the JVM's trust store is used)";
      }
      if (t.getMessage() != null) {
        messages.append(t.getMessage()).append('\n');
      }
    }
    if (!handshake) {
      return null;
    }
    String text = messages.toString();
    if (text.contains("(" + prefix + "_TLS_SERVER_NAME)")) {
      int start = text.indexOf("the server certificate is for");
      return "TLS: " + text.substring(start, text.indexOf('\n', start));
    }
    if (text.contains("No subject alternative") || text.contains("No name matching")) {
      return "TLS: the server's certificate is not issued for the host in "
          + prefix
          + "_SERVER_URLS (connect by a name the certificate carries, set "
          + prefix
          + "_TLS_SERVER_NAME to one, or, insecurely, "
          + prefix
          + "_TLS_SKIP_HOST_VERIFY=true)";
    }
    if (text.contains("certificate_required") || text.contains("bad_certificate")) {
      return "TLS: the server requires a client certificate it trusts ("
          + prefix
          + "_TLS_CERT and "
          + prefix
          + "_TLS_KEY)";
    }
    if (text.contains("Unsupported or unrecognized SSL message")
        || text.contains("plaintext connection")) {
      return "TLS: the server does not speak TLS on this port (use http:// in "
          + prefix
          + "_SERVER_URLS)";
    }
    return null;
  }

  /**
   * The failure of an exchange after the connection was made.
   *
   * @param everAnswered whether this server has answered over HTTP before: then a connection closed
   *     without an answer is not a hint that it expects https
   */
  static StorageException exchange(
      String operation, String server, IOException e, boolean everAnswered) {
    if (e instanceof HttpTimeoutException) {
      return new StorageException(
          Kind.TIMEOUT, operation + " timed out (" + server + ")", TIMED_OUT, e);
    }
    String described = describe(e);
    if (server.startsWith("http://") && !everAnswered && closedWithoutAnswer(e)) {
      // An https-only server (Elasticsearch with TLS) drops plain HTTP without a word.
      described =
          "the server closed the connection without an answer; does it expect https://? ["
              + described
              + "]";
    }
    return new StorageException(
        Kind.UNAVAILABLE,
        operation + " failed talking to " + server + ": " + described,
        CONNECTION_FAILED,
        e);
  }

  /**
   * Whether the server closed the connection before answering: a pooled connection it had closed
   * meanwhile (stale), or a server that does not speak plain HTTP on this port.
   */
  static boolean closedWithoutAnswer(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.io.EOFException
          || message.contains("received no bytes")
          || message.contains("Connection reset")
          || message.contains("connection closed locally")
          || message.contains("Broken pipe")) {
        return true;
      }
    }
    return false;
  }

  /** The failure while a response body was being read. */
  public static StorageException whileReading(String operation, IOException e) {
    if (e instanceof CancellableBody.Cancelled) {
      return new RequestCancelledException(e);
    }
    if (e instanceof HttpTimeoutException || e instanceof DeadlineInputStream.DeadlineExceeded) {
      return new StorageException(
          Kind.TIMEOUT, operation + " timed out while reading the response", TIMED_OUT, e);
    }
    if (e instanceof com.fasterxml.jackson.core.JacksonException) {
      return new StorageException(
          Kind.FAILED,
          operation + " returned a response that is not valid JSON",
          "the trace storage answered something that is not valid JSON",
          e);
    }
    return new StorageException(
        Kind.UNAVAILABLE,
        operation + " failed while reading the response: " + describe(e),
        CONNECTION_FAILED,
        e);
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
