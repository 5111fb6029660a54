package io.sightline.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response.
 *
 * <p>The Content-Security-Policy allows scripts, styles, images and requests from Sightline itself
 * only, and no inline script or inline {@code style} attribute at all. The pages are built for
 * that: scripts are ES modules under {@code /js/}; data reaches them through JSON endpoints;
 * positions and widths are set from JavaScript through the CSSOM ({@code el.style.left = …}, which
 * CSP permits) and, in the HTML rendered for browsers without JavaScript, through SVG geometry
 * attributes ({@code <rect x="12%" width="3%">}, which are attributes, not styles).
 *
 * <p>{@code frame-ancestors}: a page may be framed by Sightline only, unless it was opened with
 * Jaeger's {@code uiEmbed=v0}, which exists to be framed (Grafana, Kiali); then the configured
 * {@code sightline.ui.embed-frame-ancestors} apply.
 *
 * <p>Left out: the JSON API ({@code /api/…}), whose responses mirror Jaeger's byte for byte,
 * headers included; and, from the CSP only, Swagger UI (springdoc), a third-party page with its own
 * needs.
 *
 * <p>Built without Spring's help for its setting, so that test slices of other packages, which pick
 * up every filter, need not provide {@link WebUiProperties}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class SecurityHeadersFilter extends OncePerRequestFilter {

  private static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
          + "form-action 'self'; frame-ancestors ";

  private final String embedFrameAncestors;

  SecurityHeadersFilter(ObjectProvider<WebUiProperties> properties) {
    this.embedFrameAncestors =
        properties.getIfAvailable(WebUiProperties::defaults).embedFrameAncestors();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    // Trace IDs and service names are in our URLs: do not hand them to other sites.
    response.setHeader("Referrer-Policy", "same-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/swagger-ui") && !path.startsWith("/v3/api-docs")) {
      boolean embedded = "v0".equals(request.getParameter("uiEmbed"));
      response.setHeader(
          "Content-Security-Policy", POLICY + (embedded ? embedFrameAncestors : "'self'"));
    }
    chain.doFilter(request, response);
  }
}
