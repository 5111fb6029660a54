package io.sightline.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC hands a controller's {@link Error} to the exception handlers wrapped in a {@code
 * ServletException}, where a catch-all would answer 500 and carry on. This resolver runs first and
 * ends the process on a fatal one ({@link FatalErrors}); anything else goes on to the others.
 */
final class FatalErrorResolver implements HandlerExceptionResolver, Ordered {

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    FatalErrors.exitIfFatal(ex);
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
