package io.sightline.storage.elasticsearch.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.trace.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A successful (2xx) response whose body is still on the wire: read it once, as a stream or with
 * Jackson, and close it (try-with-resources). Nothing buffers the whole body, so a search response
 * of tens of MB is parsed as it arrives.
 *
 * <p>Reading errors (connection lost, request timeout exceeded while the body was arriving) are
 * thrown as {@link StorageException} by {@link #parser()}, {@link #tree()} and {@link #read}; from
 * {@link #body()} as the {@link IOException} of the stream.
 */
public final class EsResponse implements AutoCloseable {

  private final int status;
  private final Map<String, List<String>> headers;
  private final InputStream body;
  private final ObjectMapper mapper;
  private final String operation;

  EsResponse(
      int status,
      Map<String, List<String>> headers,
      InputStream body,
      ObjectMapper mapper,
      String operation) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.mapper = mapper;
    this.operation = operation;
  }

  /** The HTTP status (2xx). */
  public int status() {
    return status;
  }

  /** The first value of a response header (case-insensitive name). */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0))
        .findFirst();
  }

  /** The body as bytes arrive (already gunzipped). */
  public InputStream body() {
    return body;
  }

  /**
   * The whole body, read now: for a page that is decoded while the next one is being fetched (the
   * span scan), not for answers whose size the caller does not bound.
   */
  public byte[] bytes() {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  /**
   * A streaming Jackson 2 parser over the body. Closing the parser closes the body; closing this
   * response is still fine.
   */
  public JsonParser parser() {
    try {
      return mapper.getFactory().createParser(body);
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  /** The whole body as a tree. For small responses; prefer {@link #parser()} for searches. */
  public JsonNode tree() {
    try (InputStream in = body) {
      JsonNode node = mapper.readTree(in);
      return node == null ? mapper.missingNode() : node;
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  /** The body bound to a type with this client's mapper. */
  public <T> T read(Class<T> type) {
    try (InputStream in = body) {
      return mapper.readValue(in, type);
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  /** The body bound to a generic type with this client's mapper. */
  public <T> T read(TypeReference<T> type) {
    try (InputStream in = body) {
      return mapper.readValue(in, type);
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  /** Turns a failure while reading this body into the storage error callers handle. */
  public StorageException readFailed(IOException e) {
    return EsErrors.whileReading(operation, e);
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // Nothing to do: the connection is discarded either way.
    }
  }
}
