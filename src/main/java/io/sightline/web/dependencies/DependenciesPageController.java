package io.sightline.web.dependencies;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.TraceService;
import io.sightline.web.EmbedOptions;
import io.sightline.web.UiConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The service dependency page ({@code /dependencies}): the graph of who calls whom in a time range,
 * laid out on the server ({@link io.sightline.web.LayeredLayout}) and drawn as SVG, with a focus on
 * one service and a depth, a search that highlights services, and the same links as a sortable
 * table. The links are the stored daily ones, or ({@code source=search}) those of the traces
 * matching a search, a sample whose size the page states ({@link LiveSearch}).
 *
 * <p>URL: {@code source} ({@code stored}, the default, or {@code search} with {@code service},
 * {@code operation}, {@code tags}, {@code limit}), {@code lookback} ({@code 1h} … {@code 30d},
 * default {@code 7d} as in Jaeger UI, {@code 1h} for a search; or {@code custom} with {@code
 * start}/{@code end} in µs), {@code focus} and {@code depth}, {@code q}, {@code view=table}, {@code
 * sort}/{@code dir} for the table. The form's custom range ({@code from}/{@code to}/{@code tz})
 * redirects to {@code start}/{@code end}. {@link DependenciesPageAssembler} computes the page.
 */
@Controller
class DependenciesPageController {

  private final DependenciesPageAssembler assembler;
  private final Clock clock;

  DependenciesPageController(
      TraceService traces,
      TraceQueryParser parser,
      ObjectProvider<Clock> clock,
      ObjectProvider<UiConfig> uiConfig) {
    this.assembler =
        new DependenciesPageAssembler(
            traces, parser, uiConfig.getIfAvailable(() -> UiConfig.NONE).dagMaxNumServices());
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @GetMapping("/dependencies")
  String page(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Instant now = clock.instant();
    Map<String, String> embed = EmbedOptions.from(request).params();
    Map<String, String> errors = new LinkedHashMap<>();
    String fixed = assembler.fixedRangeUrl(params, embed, now, errors);
    if (fixed != null) {
      return "redirect:" + fixed;
    }
    DependenciesPage page = assembler.assemble(params, embed, now, errors);
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    page.addTo(model);
    return "dependencies";
  }
}
