package io.sightline.web.upload;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sightline.format.TraceFileException;
import io.sightline.format.file.TraceFileFormat;
import io.sightline.http.LimitedInputStream;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.NotFoundException;
import io.sightline.web.WebUiProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Trace files opened in the browser (the pages' "Open file"), held in memory only: never written to
 * the trace store. Bounded three ways: the body's size ({@code sightline.ui.upload-max-size}), the
 * spans of all uploads together ({@code upload-max-spans}; the oldest go first) and the time since
 * an upload was last looked at ({@code upload-ttl}). An upload is found by its key, a random
 * 128-bit number: whoever has the link sees the file, nobody else can guess it.
 */
public final class Uploads {

  /** The query parameter that makes trace pages read an upload instead of the store. */
  public static final String PARAM = "upload";

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final long maxBytes;
  private final int maxSpans;
  private final Cache<String, Upload> uploads;

  public Uploads(WebUiProperties properties) {
    this(properties.uploadMaxSize().toBytes(), properties.uploadMaxSpans(), properties.uploadTtl());
  }

  Uploads(long maxBytes, int maxSpans, Duration ttl) {
    this.maxBytes = maxBytes;
    this.maxSpans = maxSpans;
    this.uploads =
        Caffeine.newBuilder()
            .maximumWeight(Math.max(1, maxSpans))
            .<String, Upload>weigher((key, upload) -> Math.max(1, upload.spanCount()))
            .expireAfterAccess(ttl)
            .build();
  }

  /**
   * One file's traces.
   *
   * @param key the upload's key (the {@code upload} parameter of its pages)
   * @param fileName the name the browser gave, for display only
   * @param format the format found in the file
   * @param traces the traces by ID, in the file's order (spans of one ID merged), as the file has
   *     them: no adjuster runs, as Jaeger UI shows an uploaded file
   * @param spanCount spans in all traces
   */
  public record Upload(
      String key, String fileName, String format, Map<TraceId, Trace> traces, int spanCount) {

    /**
     * One trace of the file.
     *
     * @throws NotFoundException when the file has no such trace
     */
    public Trace trace(TraceId id) {
      Trace trace = traces.get(id);
      if (trace == null) {
        throw new NotFoundException("The file " + fileName + " has no trace with ID " + id + ".");
      }
      return trace;
    }
  }

  /** The largest body taken, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Reads a file, keeps its traces and returns them.
   *
   * @param body the file's bytes
   * @param declaredLength the body's declared length, or -1
   * @param fileName the file's name, for display
   * @throws UploadTooLargeException when the body is longer than {@link #maxBytes()}
   * @throws InvalidQueryException naming the problem (and where in the file) when it is no trace
   *     file Sightline reads, holds no trace or has more spans than uploads may hold
   * @throws UncheckedIOException when reading the body fails
   */
  public Upload add(InputStream body, long declaredLength, String fileName) {
    if (declaredLength > maxBytes) {
      throw new UploadTooLargeException(maxBytes);
    }
    LimitedInputStream limited = new LimitedInputStream(body, maxBytes, "too large");
    byte[] bytes;
    try (limited) {
      bytes = limited.readAllBytes();
    } catch (IOException e) {
      if (limited.exceeded()) {
        throw new UploadTooLargeException(maxBytes);
      }
      throw new UncheckedIOException(e);
    }
    Map<TraceId, List<Span>> spans = new LinkedHashMap<>();
    TraceFileFormat format;
    try {
      format = TraceFileFormat.detect(new ByteArrayInputStream(bytes));
      format.read(
          new ByteArrayInputStream(bytes),
          trace ->
              spans
                  .computeIfAbsent(trace.traceId(), id -> new ArrayList<>())
                  .addAll(trace.spans()));
    } catch (TraceFileException e) {
      throw new InvalidQueryException(
          "file", "not a trace file Sightline reads: " + e.getMessage());
    }
    int count = 0;
    Map<TraceId, Trace> traces = new LinkedHashMap<>();
    for (Map.Entry<TraceId, List<Span>> e : spans.entrySet()) {
      if (!e.getValue().isEmpty()) {
        traces.put(e.getKey(), Trace.of(e.getValue()));
        count += e.getValue().size();
      }
    }
    if (traces.isEmpty()) {
      throw new InvalidQueryException(
          "file", "the file (" + format.description() + ") holds no span");
    }
    if (count > maxSpans) {
      throw new InvalidQueryException(
          "file",
          "the file holds " + count + " spans; uploads may hold at most " + maxSpans + " in all");
    }
    Upload upload =
        new Upload(newKey(), displayName(fileName), format.description(), traces, count);
    uploads.put(upload.key(), upload);
    return upload;
  }

  /**
   * The upload of a key.
   *
   * @throws InvalidQueryException when the key is not one Sightline makes
   * @throws NotFoundException when no upload has the key (any more)
   */
  public Upload get(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidQueryException(PARAM, "not an upload key: " + key);
    }
    Upload upload = uploads.getIfPresent(key);
    if (upload == null) {
      throw new NotFoundException(
          "This uploaded file is no longer held: uploads are kept in memory only, for a while"
              + " after their last use. Open the file again.");
    }
    return upload;
  }

  /** The upload a request names with {@code ?upload=}, or {@code null} when it names none. */
  public Upload of(HttpServletRequest request) {
    String key = request.getParameter(PARAM);
    return key == null ? null : get(key);
  }

  private static String newKey() {
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  private static String displayName(String fileName) {
    if (fileName == null || fileName.isBlank()) {
      return "uploaded file";
    }
    String name = fileName.strip();
    return name.length() > 200 ? name.substring(0, 200) + "…" : name;
  }

  /** A body longer than the limit (413). */
  public static final class UploadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UploadTooLargeException(long maxBytes) {
      super("the file is too large: at most " + maxBytes + " bytes are accepted");
    }
  }
}
