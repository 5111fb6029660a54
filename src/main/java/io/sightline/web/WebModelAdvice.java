package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes every page's layout needs. */
@ControllerAdvice(basePackageClasses = WebModelAdvice.class)
class WebModelAdvice {

  private final UiConfig uiConfig;

  /** Without the web configuration (test slices), no Jaeger UI configuration. */
  WebModelAdvice(ObjectProvider<UiConfig> uiConfig) {
    this.uiConfig = uiConfig.getIfAvailable(() -> UiConfig.NONE);
  }

  /** The top navigation's extra links ({@code QUERY_UI_CONFIG}'s {@code menu}). */
  @ModelAttribute("uiMenu")
  List<UiConfig.MenuItem> uiMenu() {
    return uiConfig.menu();
  }

  /** Jaeger's embed parameters of this request (the layout hides the top navigation…). */
  @ModelAttribute(EmbedOptions.ATTRIBUTE)
  EmbedOptions embed(HttpServletRequest request) {
    return EmbedOptions.from(request);
  }
}
