package io.sightline.web;

import io.sightline.trace.TraceId;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The shell's own routes: the home redirect and the top navigation's trace-ID lookup. */
@Controller
class ShellController {

  /** Jaeger UI opens on the search page. */
  @GetMapping("/")
  String home() {
    return "redirect:/search";
  }

  /** Browsers ask for /favicon.ico on pages without an icon link (JSON, say). */
  @GetMapping("/favicon.ico")
  String favicon() {
    return "redirect:/favicon.svg";
  }

  /**
   * The "Lookup by Trace ID" box without JavaScript (the script validates and navigates itself):
   * one ID opens the trace, several (separated by spaces or commas) list them on the search page,
   * as Jaeger UI does ({@code /search?traceID=a&traceID=b}).
   */
  @GetMapping("/lookup")
  String lookup(@RequestParam(name = "traceID", defaultValue = "") String text) {
    List<TraceId> ids = TraceIdInput.parseList(text);
    if (ids.size() == 1) {
      return "redirect:/trace/" + ids.get(0);
    }
    UriComponentsBuilder search = UriComponentsBuilder.fromPath("/search");
    for (TraceId id : ids) {
      search.queryParam("traceID", id.toString());
    }
    return "redirect:" + search.toUriString();
  }
}
