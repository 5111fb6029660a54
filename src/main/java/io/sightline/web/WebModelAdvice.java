package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes every page's layout needs. */
@ControllerAdvice(basePackageClasses = WebModelAdvice.class)
class WebModelAdvice {

  /** Jaeger's embed parameters of this request (the layout hides the top navigation…). */
  @ModelAttribute(EmbedOptions.ATTRIBUTE)
  EmbedOptions embed(HttpServletRequest request) {
    return EmbedOptions.from(request);
  }
}
