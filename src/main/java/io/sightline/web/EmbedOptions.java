package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jaeger UI's embed parameters, which Grafana, Kiali and others put in iframe URLs: {@code
 * uiEmbed=v0} hides the top navigation; {@code uiTimelineCollapseTitle=1}, {@code
 * uiTimelineHideMinimap=1} and {@code uiTimelineHideSummary=1} trim the trace header; {@code
 * uiTheme=dark|light} forces a theme.
 *
 * @param embedded {@code uiEmbed=v0}
 * @param collapseTitle {@code uiTimelineCollapseTitle=1}
 * @param hideMinimap {@code uiTimelineHideMinimap=1}
 * @param hideSummary {@code uiTimelineHideSummary=1}
 * @param theme {@code dark}, {@code light} or {@code null} (the user's choice)
 */
public record EmbedOptions(
    boolean embedded,
    boolean collapseTitle,
    boolean hideMinimap,
    boolean hideSummary,
    String theme) {

  /** The request attribute (and model attribute) under which pages find these options. */
  public static final String ATTRIBUTE = "embed";

  public static EmbedOptions from(HttpServletRequest request) {
    String theme = request.getParameter("uiTheme");
    return new EmbedOptions(
        "v0".equals(request.getParameter("uiEmbed")),
        "1".equals(request.getParameter("uiTimelineCollapseTitle")),
        "1".equals(request.getParameter("uiTimelineHideMinimap")),
        "1".equals(request.getParameter("uiTimelineHideSummary")),
        "dark".equals(theme) || "light".equals(theme) ? theme : null);
  }

  /**
   * The embed parameters that are set, to carry over into links that stay inside the frame (a trace
   * page's links to span details, say).
   */
  public Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    if (embedded) {
      params.put("uiEmbed", "v0");
    }
    if (collapseTitle) {
      params.put("uiTimelineCollapseTitle", "1");
    }
    if (hideMinimap) {
      params.put("uiTimelineHideMinimap", "1");
    }
    if (hideSummary) {
      params.put("uiTimelineHideSummary", "1");
    }
    if (theme != null) {
      params.put("uiTheme", theme);
    }
    return params;
  }
}
