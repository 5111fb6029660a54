package io.sightline.web.upload;

import io.sightline.trace.Trace;
import io.sightline.web.Formats;
import io.sightline.web.TraceSummary;
import io.sightline.web.WebUiProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The pages' "Open file": {@code POST /upload} takes a trace file's bytes as the request body (the
 * shell's script sends the chosen file with {@code fetch}; there is no multipart form, which is off
 * on purpose) and answers where its traces are listed, {@code GET /upload/{key}}. Nothing is
 * written to the trace store ({@link Uploads}).
 */
@Controller
class UploadController {

  private final Uploads uploads;

  UploadController(ObjectProvider<Uploads> uploads, ObjectProvider<WebUiProperties> properties) {
    this.uploads =
        uploads.getIfAvailable(
            () -> new Uploads(properties.getIfAvailable(WebUiProperties::defaults)));
  }

  /**
   * Where the uploaded file's traces are listed.
   *
   * @param key the upload's key
   * @param location its list page, relative to the application
   * @param traces traces in the file
   * @param spans spans in the file
   * @param format the format found
   */
  record Created(String key, String location, int traces, int spans, String format) {}

  /**
   * Reads the body as a trace file (Jaeger UI JSON, Jaeger model JSON or OTLP JSON, told apart by
   * content). 400 naming the problem for anything else, 413 over the size limit.
   *
   * @param name the file's name, for display
   */
  @PostMapping(value = "/upload", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Created> upload(
      @RequestParam(defaultValue = "") String name, HttpServletRequest request) throws IOException {
    Uploads.Upload upload =
        uploads.add(request.getInputStream(), request.getContentLengthLong(), name);
    String location = "/upload/" + upload.key();
    return ResponseEntity.status(HttpStatus.CREATED)
        .header("Location", request.getContextPath() + location)
        .body(
            new Created(
                upload.key(),
                location,
                upload.traces().size(),
                upload.spanCount(),
                upload.format()));
  }

  @ExceptionHandler(Uploads.UploadTooLargeException.class)
  @ResponseBody
  ResponseEntity<Map<String, Object>> tooLarge(Uploads.UploadTooLargeException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
    body.put("message", e.getMessage());
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }

  /**
   * One row of the list.
   *
   * @param summary the trace's summary
   * @param durationText its duration for people
   * @param iso its start for {@code <time datetime>}
   * @param startUtc its start for people (UTC)
   */
  record Row(TraceSummary summary, String durationText, String iso, String startUtc) {}

  /** The file's traces, each linking to its trace page on the upload. */
  @GetMapping("/upload/{key}")
  String list(@PathVariable String key, Model model) {
    Uploads.Upload upload = uploads.get(key);
    List<Row> rows = new ArrayList<>(upload.traces().size());
    for (Trace trace : upload.traces().values()) {
      TraceSummary summary = TraceSummary.of(trace);
      rows.add(
          new Row(
              summary,
              Formats.duration(summary.durationMicros()),
              Formats.iso(summary.startMicros()),
              Formats.timestampUtc(summary.startMicros())));
    }
    model.addAttribute("upload", upload);
    model.addAttribute("rows", rows);
    return "upload";
  }
}
