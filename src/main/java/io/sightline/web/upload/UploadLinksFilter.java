package io.sightline.web.upload;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the pages of an uploaded file on that file: on a request with {@code ?upload=KEY}, every
 * link a template writes with {@code @{…}} (Thymeleaf passes them through {@link
 * HttpServletResponse#encodeURL}, the servlet's URL-rewriting hook) and every redirect to a trace
 * page or to compare gets {@code upload=KEY} too. So the views, sort and page links, span details
 * and compare work on the file without each template and controller carrying the key. Forms that
 * submit with GET carry it in a hidden field instead (browsers drop an action's query).
 */
@Component
class UploadLinksFilter extends OncePerRequestFilter {

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getParameter(Uploads.PARAM);
    if (key == null || !KEY.matcher(key).matches()) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(request, new Rewriting(response, request.getContextPath(), key));
  }

  /** Adds {@code upload=KEY} to links to trace pages and compare, under the context path. */
  static String withUpload(String url, String contextPath, String key) {
    if (url == null) {
      return null;
    }
    boolean ours =
        url.startsWith(contextPath + "/trace/") || url.startsWith(contextPath + "/compare");
    if (!ours) {
      return url;
    }
    int hash = url.indexOf('#');
    String head = hash < 0 ? url : url.substring(0, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    int query = head.indexOf('?');
    if (query >= 0 && hasUpload(head.substring(query + 1))) {
      return url;
    }
    return head + (query < 0 ? "?" : "&") + Uploads.PARAM + "=" + key + fragment;
  }

  private static boolean hasUpload(String query) {
    String name = Uploads.PARAM;
    for (int from = 0; from <= query.length(); ) {
      int end = query.indexOf('&', from);
      String pair = query.substring(from, end < 0 ? query.length() : end);
      if (pair.equals(name) || pair.startsWith(name + "=")) {
        return true;
      }
      if (end < 0) {
        break;
      }
      from = end + 1;
    }
    return false;
  }

  private static final class Rewriting extends HttpServletResponseWrapper {
    private final String contextPath;
    private final String key;

    Rewriting(HttpServletResponse response, String contextPath, String key) {
      super(response);
      this.contextPath = contextPath;
      this.key = key;
    }

    @Override
    public String encodeURL(String url) {
      return super.encodeURL(withUpload(url, contextPath, key));
    }

    @Override
    public String encodeRedirectURL(String url) {
      return super.encodeRedirectURL(withUpload(url, contextPath, key));
    }
  }
}
