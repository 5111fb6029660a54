package io.sightline.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web UI ({@code sightline.ui.*}).
 *
 * @param traceCacheMaxSpans how many spans, summed over all cached traces, the cache of assembled
 *     trace views may hold; a trace bigger than this is assembled for each request
 * @param traceCacheTtl how long an assembled trace view stays cached after it was built (span
 *     details, find and the timeline data of a page read it; reloading the page rebuilds it)
 * @param staticRows how many timeline rows a trace page writes as plain HTML, for browsers without
 *     JavaScript and as the first paint before the interactive timeline takes over
 * @param embedFrameAncestors the CSP {@code frame-ancestors} sources allowed to frame a page opened
 *     with {@code uiEmbed=v0} (Grafana, Kiali…); {@code *} allows any, as Jaeger UI does. Pages
 *     without it may only be framed by Sightline itself
 * @param config Jaeger UI's JSON configuration file ({@code QUERY_UI_CONFIG}, {@link UiConfig}), or
 *     {@code null} for none
 * @param uploadMaxSize the largest trace file the pages' "Open file" takes
 * @param uploadMaxSpans how many spans, summed over all uploaded files, are held in memory; the
 *     least recently opened file is dropped first, and a bigger file is refused
 * @param uploadTtl how long an uploaded file is kept after its pages were last opened
 */
@ConfigurationProperties("sightline.ui")
public record WebUiProperties(
    @DefaultValue("300000") int traceCacheMaxSpans,
    @DefaultValue("2m") Duration traceCacheTtl,
    @DefaultValue("300") int staticRows,
    @DefaultValue("*") String embedFrameAncestors,
    String config,
    @DefaultValue("64MB") DataSize uploadMaxSize,
    @DefaultValue("500000") int uploadMaxSpans,
    @DefaultValue("1h") Duration uploadTtl) {

  /** The defaults, as bound with no settings. */
  public static WebUiProperties defaults() {
    return new WebUiProperties(
        300_000,
        Duration.ofMinutes(2),
        300,
        "*",
        null,
        DataSize.ofMegabytes(64),
        500_000,
        Duration.ofHours(1));
  }
}
